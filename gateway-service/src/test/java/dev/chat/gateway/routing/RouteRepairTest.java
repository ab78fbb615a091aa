package dev.chat.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.gateway.support.MessageServiceStub;
import dev.chat.gateway.support.Sockets;
import dev.chat.routing.RedisKeys;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.SocketClient;
import dev.chat.stack.testing.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A connected device whose route went missing (Redis restarted, the route expired) had its
 * messages stored as pending only; the renewal that restores the route pushes them. Real Redis.
 */
@QuarkusTest
class RouteRepairTest {

    @InjectTestServers
    TestServers servers;

    @Inject
    RouteRenewal renewal;

    @Inject
    RouteRegistry routes;

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry metrics;

    @Test
    void aConnectedDeviceWhoseRouteWasLostGetsWhatWasStoredMeanwhileWhenTheRouteIsRestored() {
        UUID user = UUID.randomUUID();
        try (SocketClient phone = Sockets.connect(servers, user, "phone")) {
            redis.key().del(RedisKeys.routes(user));
            UUID storedMeanwhile = MessageServiceStub.nextMessageId();
            MessageServiceStub.pendingFor(user, "{\"messages\":[{\"messageId\":\"" + storedMeanwhile + "\",\"chatId\":\""
                    + UUID.randomUUID() + "\",\"from\":\"" + UUID.randomUUID()
                    + "\",\"body\":\"while unrouted\",\"sentAt\":\"2026-11-30T07:00:00Z\"}],\"more\":false}", Duration.ZERO);

            renewal.renewAll().await().atMost(Sockets.WAIT);

            assertEquals(storedMeanwhile.toString(), phone.next("message", Sockets.WAIT).get("messageId").asText());
            assertEquals(Map.of("phone", routes.instanceId()), redis.hash(String.class).hgetall(RedisKeys.routes(user)));
        }
    }

    @Test
    void aRenewalThatFindsTheRouteInPlaceLoadsNothing() {
        UUID user = UUID.randomUUID();
        try (SocketClient phone = Sockets.connect(servers, user, "phone")) {
            Awaitility.await().atMost(Sockets.WAIT).until(() -> !redis.hash(String.class).hgetall(RedisKeys.routes(user)).isEmpty());
            double restoredBefore = metrics.counter("gateway.routes.restored").count();

            renewal.renewAll().await().atMost(Sockets.WAIT);

            assertEquals(restoredBefore, metrics.counter("gateway.routes.restored").count(), "no route had to be restored");
            phone.send(Map.of("type", "ping"));
            assertEquals("pong", phone.next(Sockets.WAIT).get("type").asText(), "nothing was pushed");
        }
    }
}
