package dev.chat.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.gateway.support.MessageServiceStub;
import dev.chat.gateway.support.Sockets;
import dev.chat.routing.RedisKeys;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.SocketClient;
import dev.chat.stack.testing.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    @Inject
    Event<RedisServerChanged> redisChanged;

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
    void aRepairWhosePendingReadFailsIsTriedAgainUntilTheMessagesArrive() {
        UUID user = UUID.randomUUID();
        try (SocketClient phone = Sockets.connect(servers, user, "phone")) {
            UUID storedMeanwhile = MessageServiceStub.nextMessageId();
            MessageServiceStub.pendingFor(user, MessageServiceStub.pageOf(storedMeanwhile), Duration.ZERO);
            MessageServiceStub.failPending(user, 2);
            double failuresBefore = metrics.counter("gateway.repairs.failures").count();
            redis.key().del(RedisKeys.routes(user));

            renewal.renewAll().await().atMost(Sockets.WAIT);

            assertEquals(storedMeanwhile.toString(), phone.next("message", Sockets.WAIT).get("messageId").asText(),
                    "pushed by the third attempt");
            assertEquals(2, metrics.counter("gateway.repairs.failures").count() - failuresBefore, 0.0);
        }
    }

    @Test
    void manyRepairsAtOnceLoadAFewAtATimeAndEachSocketGetsItsMessages() {
        List<SocketClient> phones = new ArrayList<>();
        List<UUID> messages = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                UUID user = UUID.randomUUID();
                phones.add(Sockets.connect(servers, user, "phone"));
                UUID message = MessageServiceStub.nextMessageId();
                messages.add(message);
                MessageServiceStub.pendingFor(user, MessageServiceStub.pageOf(message), Duration.ofMillis(300));
                redis.key().del(RedisKeys.routes(user));
            }
            MessageServiceStub.resetMostPendingInFlight();

            renewal.renewAll().await().atMost(Sockets.WAIT);

            for (int i = 0; i < phones.size(); i++) {
                assertEquals(messages.get(i).toString(), phones.get(i).next("message", Sockets.WAIT).get("messageId").asText());
            }
            int most = MessageServiceStub.mostPendingInFlight();
            assertTrue(most > 1 && most <= 8, "repairs loading at once: " + most);
        } finally {
            phones.forEach(SocketClient::close);
        }
    }

    @Test
    void aRenewalAfterRedisLostTheGatewaysKeysAnnouncesTheGatewayBeforeRestoringItsRoutes() {
        UUID user = UUID.randomUUID();
        try (SocketClient phone = Sockets.connect(servers, user, "phone")) {
            String instance = routes.instanceId();
            redis.key().del(RedisKeys.routes(user), RedisKeys.gateway(instance), RedisKeys.gatewayAddress(instance));

            renewal.renewAll().await().atMost(Sockets.WAIT);

            assertEquals(Map.of("phone", instance), redis.hash(String.class).hgetall(RedisKeys.routes(user)));
            assertNotNull(redis.value(String.class).get(RedisKeys.gateway(instance)), "heartbeat key");
            assertNotNull(redis.value(String.class).get(RedisKeys.gatewayAddress(instance)), "address key");
        }
    }

    @Test
    void whenRedisIsAnotherServerEverySocketIsRepairedThoughItsRouteIsInPlace() {
        UUID user = UUID.randomUUID();
        try (SocketClient phone = Sockets.connect(servers, user, "phone")) {
            Awaitility.await().atMost(Sockets.WAIT).until(() -> !redis.hash(String.class).hgetall(RedisKeys.routes(user)).isEmpty());
            UUID storedMeanwhile = MessageServiceStub.nextMessageId();
            MessageServiceStub.pendingFor(user, MessageServiceStub.pageOf(storedMeanwhile), Duration.ZERO);

            redisChanged.fireAsync(new RedisServerChanged("run-before", "run-after"));

            assertEquals(storedMeanwhile.toString(), phone.next("message", Sockets.WAIT).get("messageId").asText(),
                    "stored while the route may have been missing on the server that went away");
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
