package dev.chat.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.routing.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
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
}
