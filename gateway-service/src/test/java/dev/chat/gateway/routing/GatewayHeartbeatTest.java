package dev.chat.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.routing.RedisKeys;
import dev.chat.routing.RouteStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class GatewayHeartbeatTest {

    @Inject
    GatewayHeartbeat heartbeat;

    @Inject
    RouteRegistry routes;

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry metrics;

    @Inject
    ReactiveRedisDataSource reactiveRedis;

    @Test
    void theInstanceAnnouncesItsAddressWithAnExpiry() {
        String key = RedisKeys.gateway(routes.instanceId());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> redis.value(String.class).get(key) != null);
        assertEquals(heartbeat.address(), redis.value(String.class).get(key));
        assertTrue(heartbeat.address().matches("127\\.0\\.0\\.1:\\d+"), heartbeat.address());
        long ttl = redis.key().pttl(key);
        assertTrue(ttl > 0 && ttl <= 15_000, "heartbeat TTL " + ttl);
    }

    @Test
    void theAddressOutlivesTheHeartbeatAsLongAsARoute() {
        String key = RedisKeys.gatewayAddress(routes.instanceId());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> redis.value(String.class).get(key) != null);
        assertEquals(heartbeat.address(), redis.value(String.class).get(key));
        long ttl = redis.key().pttl(key);
        assertTrue(ttl > 15_000 && ttl <= 600_000, "address TTL, the route TTL: " + ttl);
    }

    @Test
    void aBeatThatFindsItsKeyExpiredIsCountedAsALapse() {
        String key = RedisKeys.gateway(routes.instanceId());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> redis.value(String.class).get(key) != null);
        double before = metrics.counter("gateway.heartbeat.lapses").count();

        redis.key().del(key);

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> metrics.counter("gateway.heartbeat.lapses").count() == before + 1);
        assertEquals(heartbeat.address(), redis.value(String.class).get(key), "the beat restored the key");
    }

    @Test
    void aBeatTellsWhichRedisServerTookIt() {
        String instance = "beat-test-" + UUID.randomUUID();

        RouteStore.Beat beat = new RouteStore(reactiveRedis).beat(instance, "127.0.0.1:1", Duration.ofSeconds(5),
                Duration.ofSeconds(5)).await().atMost(Duration.ofSeconds(10));

        assertTrue(beat.serverRunId().matches("[0-9a-f]{40}"), beat.serverRunId());
        assertTrue(redis.execute("INFO", "server").toString().contains("run_id:" + beat.serverRunId()));
        redis.key().del(RedisKeys.gateway(instance), RedisKeys.gatewayAddress(instance));
    }
}
