package dev.chat.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.routing.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RouteRegistryTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Inject
    RouteRegistry routes;

    @Inject
    RedisDataSource redis;

    @Test
    void aConnectedDeviceIsRoutedToThisInstanceWithAnExpiry() {
        UUID user = UUID.randomUUID();
        routes.register(user, "phone").await().atMost(WAIT);
        routes.register(user, "laptop").await().atMost(WAIT);

        assertEquals(Map.of("phone", routes.instanceId(), "laptop", routes.instanceId()),
                redis.hash(String.class).hgetall(RedisKeys.routes(user)));
        long ttl = redis.key().pttl(RedisKeys.routes(user));
        assertTrue(ttl > 0 && ttl <= 600_000, "route TTL " + ttl);
    }

    @Test
    void manyRoutesAreRegisteredInOneCommandEachWithAnExpiry() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        redis.hash(String.class).hset(RedisKeys.routes(bob), "laptop", "gateway-elsewhere");

        routes.registerAll(List.of(Map.entry(alice, "phone"), Map.entry(bob, "phone"))).await().atMost(WAIT);

        assertEquals(Map.of("phone", routes.instanceId()), redis.hash(String.class).hgetall(RedisKeys.routes(alice)));
        assertEquals(Map.of("phone", routes.instanceId(), "laptop", "gateway-elsewhere"),
                redis.hash(String.class).hgetall(RedisKeys.routes(bob)));
        long ttl = redis.key().pttl(RedisKeys.routes(bob));
        assertTrue(ttl > 0 && ttl <= 600_000, "route TTL " + ttl);
    }

    @Test
    void socketsThatConnectTogetherShareRedisCommands() {
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            users.add(UUID.randomUUID());
        }
        long commandsBefore = evalCalls();

        List<CompletableFuture<Void>> registered = users.stream()
                .map(user -> routes.register(user, "phone").subscribeAsCompletionStage()).toList();
        CompletableFuture.allOf(registered.toArray(CompletableFuture[]::new)).orTimeout(5, TimeUnit.SECONDS).join();

        for (UUID user : users) {
            assertEquals(Map.of("phone", routes.instanceId()), redis.hash(String.class).hgetall(RedisKeys.routes(user)));
        }
        long commands = evalCalls() - commandsBefore;
        assertTrue(commands <= 10, "100 registrations requested together took " + commands + " commands");
    }

    /** Scripts run by their hash (EVALSHA), or in full (EVAL) when Redis did not know them. */
    private long evalCalls() {
        String stats = redis.execute("INFO", "commandstats").toString();
        Matcher calls = Pattern.compile("cmdstat_eval(?:sha)?:calls=(\\d+)").matcher(stats);
        long total = 0;
        while (calls.find()) {
            total += Long.parseLong(calls.group(1));
        }
        return total;
    }

    @Test
    void aRedisThatForgotTheScriptsIsSentThemAgain() {
        routes.register(UUID.randomUUID(), "phone").await().atMost(Duration.ofSeconds(5));
        redis.execute("SCRIPT", "FLUSH");
        UUID user = UUID.randomUUID();

        routes.register(user, "phone").await().atMost(Duration.ofSeconds(5));

        assertEquals(Map.of("phone", routes.instanceId()), redis.hash(String.class).hgetall(RedisKeys.routes(user)));
    }

    @Test
    void closingRemovesTheRouteAndRecordsLastSeen() {
        UUID user = UUID.randomUUID();
        routes.register(user, "phone").await().atMost(WAIT);
        long before = System.currentTimeMillis();

        assertTrue(routes.unregister(user, "phone").await().atMost(WAIT));

        assertEquals(Map.of(), redis.hash(String.class).hgetall(RedisKeys.routes(user)));
        String lastSeen = redis.value(String.class).get(RedisKeys.lastSeen(user));
        assertNotNull(lastSeen);
        assertTrue(Long.parseLong(lastSeen) >= before);
    }

    @Test
    void aDeviceThatMovedToAnotherGatewayKeepsItsNewRoute() {
        UUID user = UUID.randomUUID();
        routes.register(user, "phone").await().atMost(WAIT);
        redis.hash(String.class).hset(RedisKeys.routes(user), "phone", "gateway-elsewhere");

        assertFalse(routes.unregister(user, "phone").await().atMost(WAIT));

        assertEquals(Map.of("phone", "gateway-elsewhere"), redis.hash(String.class).hgetall(RedisKeys.routes(user)));
    }
}
