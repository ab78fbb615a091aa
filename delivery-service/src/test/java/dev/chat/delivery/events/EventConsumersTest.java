package dev.chat.delivery.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.MessageStored;
import dev.chat.common.events.ReceiptEvent;
import dev.chat.common.events.Topics;
import dev.chat.common.events.TypingEvent;
import dev.chat.common.events.ViewChanged;
import dev.chat.common.ids.ChatIds;
import dev.chat.routing.RedisKeys;
import dev.chat.stack.testing.InternalApi;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real Kafka and Redis; the gateway instance is an HTTP endpoint of the test's own that records
 * what it is handed (the whole path through real gateways is in system-tests).
 */
@QuarkusTest
class EventConsumersTest {

    @Inject
    RedisDataSource redis;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private Vertx vertx;
    private HttpServer gateway;
    private final List<JsonNode> handedOff = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private String gatewayId;

    @BeforeEach
    void startRecordingGateway() throws Exception {
        vertx = Vertx.vertx();
        gateway = vertx.createHttpServer(InternalApi.serverOptions("gateway-service")).requestHandler(request -> request.body().onSuccess(body -> {
            requests.incrementAndGet();
            if (refusalsLeft.getAndDecrement() > 0) {
                request.response().setStatusCode(503).end();
                return;
            }
            try {
                json.readTree(body.toString()).get("deliveries").forEach(handedOff::add);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            request.response().putHeader("Content-Type", "application/json").end("{\"pushed\":1}");
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        gatewayId = "gw-test-" + UUID.randomUUID();
        redis.value(String.class).set(RedisKeys.gateway(gatewayId), "127.0.0.1:" + gateway.actualPort());
    }

    @AfterEach
    void stopRecordingGateway() throws Exception {
        gateway.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close();
    }

    @Test
    void aMessageIsHandedToTheGatewayHoldingTheRecipientAsAMessageFrame() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        redis.hash(String.class).hset(RedisKeys.routes(bob), Map.of("phone", gatewayId));
        UUID messageId = UUID.randomUUID();

        publish(Topics.MESSAGES, new MessageStored(ChatIds.direct(alice, bob), messageId, alice, List.of(bob), "phone", "c-1",
                "hello bob", System.currentTimeMillis(), false, null, null));

        JsonNode delivery = awaitDeliveryFor(bob);
        assertEquals(messageId.toString(), delivery.get("messageId").asText());
        JsonNode frame = json.readTree(delivery.get("frame").asText());
        assertEquals("message", frame.get("type").asText());
        assertEquals("hello bob", frame.get("body").asText());
        assertEquals(alice.toString(), frame.get("from").asText());
    }

    @Test
    void aGatewayThatIsThereButFailingIsRetriedUntilItTakesTheMessage() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        redis.hash(String.class).hset(RedisKeys.routes(bob), Map.of("phone", gatewayId));
        refusalsLeft.set(3);
        UUID messageId = UUID.randomUUID();

        publish(Topics.MESSAGES, new MessageStored(ChatIds.direct(alice, bob), messageId, alice, List.of(bob), "phone", "c-1",
                "hello bob", System.currentTimeMillis(), false, null, null));

        assertEquals(messageId.toString(), awaitDeliveryFor(bob).get("messageId").asText());
        assertTrue(requests.get() >= 4, "three 503 answers, then the hand-off that was taken: " + requests.get());
    }

    @Test
    void aGroupMessageReachesEveryMemberAndTheSendersOtherDevicesButNotTheSendingOne() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID group = UUID.randomUUID();
        redis.hash(String.class).hset(RedisKeys.routes(bob), Map.of("phone", gatewayId));
        redis.hash(String.class).hset(RedisKeys.routes(alice), Map.of("phone", gatewayId, "laptop", gatewayId));
        UUID messageId = UUID.randomUUID();

        publish(Topics.MESSAGES, new MessageStored(group, messageId, alice, List.of(alice, bob), "phone", "g-1",
                "hello group", System.currentTimeMillis(), true, null, null));

        JsonNode toBob = awaitDeliveryFor(bob);
        JsonNode frame = json.readTree(toBob.get("frame").asText());
        assertEquals(true, frame.get("group").asBoolean());
        assertEquals(group.toString(), frame.get("chatId").asText());
        assertEquals(List.of(alice.toString(), bob.toString()), usersOf(toBob), "one frame for both members on one gateway");
        assertEquals(alice.toString(), toBob.get("exceptUserId").asText(), "every device of another member");
        assertEquals("phone", toBob.get("exceptDeviceId").asText(), "the sender's devices except the one that sent it");
    }

    @Test
    void aGroupLargerThanOneRouteReadReachesEveryConnectedMemberOnce() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID group = UUID.randomUUID();
        List<UUID> members = new java.util.ArrayList<>(List.of(alice));
        for (int i = 0; i < 450; i++) {
            UUID member = UUID.randomUUID();
            members.add(member);
            if (i % 3 != 0) { // a third of the members are offline
                redis.hash(String.class).hset(RedisKeys.routes(member), Map.of("phone", gatewayId));
            }
        }
        UUID messageId = UUID.randomUUID();

        publish(Topics.MESSAGES, new MessageStored(group, messageId, alice, members, "phone", "g-big",
                "hello all", System.currentTimeMillis(), true, null, null));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> recipientsHandedOff().size() >= 300);
        java.util.Set<String> reached = new java.util.HashSet<>(recipientsHandedOff());
        assertEquals(300, recipientsHandedOff().size(), "one delivery per connected member");
        for (int i = 0; i < 450; i++) {
            assertEquals(i % 3 != 0, reached.contains(members.get(i + 1).toString()), "member " + i);
        }
    }

    @Test
    void aReceiptIsHandedToTheSenderAsADeliveredFrame() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        redis.hash(String.class).hset(RedisKeys.routes(alice), Map.of("laptop", gatewayId));
        UUID messageId = UUID.randomUUID();

        publish(Topics.RECEIPTS, new ReceiptEvent(ReceiptEvent.Kind.DELIVERED, ChatIds.direct(alice, bob), bob, alice,
                List.of(messageId), null));

        JsonNode frame = json.readTree(awaitDeliveryFor(alice).get("frame").asText());
        assertEquals("delivered", frame.get("type").asText());
        assertEquals(bob.toString(), frame.get("by").asText());
        assertEquals(messageId.toString(), frame.get("messageIds").get(0).asText());
    }

    @Test
    void routesOfADeadGatewayAreRemovedAndNothingIsHandedOff() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        redis.hash(String.class).hset(RedisKeys.routes(carol), Map.of("phone", "gw-dead-" + UUID.randomUUID()));
        redis.hash(String.class).hset(RedisKeys.routes(bob), Map.of("phone", gatewayId));

        publish(Topics.MESSAGES, new MessageStored(ChatIds.direct(alice, carol), UUID.randomUUID(), alice, List.of(carol), "phone",
                "c-1", "to carol", System.currentTimeMillis(), false, null, null));
        publish(Topics.MESSAGES, new MessageStored(ChatIds.direct(alice, bob), UUID.randomUUID(), alice, List.of(bob), "phone",
                "c-2", "to bob", System.currentTimeMillis(), false, null, null));

        awaitDeliveryFor(bob);
        Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> redis.hash(String.class).hgetall(RedisKeys.routes(carol)).isEmpty());
        assertTrue(!recipientsHandedOff().contains(carol.toString()));
    }

    @Test
    void aGatewayWhoseHeartbeatLapsedButThatStillAnswersGetsTheMessageAndKeepsItsRoutes() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        String lateGateway = "gw-late-" + UUID.randomUUID();
        redis.value(String.class).set(RedisKeys.gatewayAddress(lateGateway), "127.0.0.1:" + gateway.actualPort());
        redis.hash(String.class).hset(RedisKeys.routes(bob), Map.of("phone", lateGateway));
        UUID messageId = UUID.randomUUID();

        publish(Topics.MESSAGES, new MessageStored(ChatIds.direct(alice, bob), messageId, alice, List.of(bob), "phone", "c-1",
                "hello bob", System.currentTimeMillis(), false, null, null));

        assertEquals(messageId.toString(), awaitDeliveryFor(bob).get("messageId").asText());
        assertEquals(Map.of("phone", lateGateway), redis.hash(String.class).hgetall(RedisKeys.routes(bob)));
    }

    @Test
    void aLateGatewayThatRefusesTheConnectionIsGoneAndItsRoutesAreRemoved() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        String deadGateway = "gw-dead-" + UUID.randomUUID();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        redis.value(String.class).set(RedisKeys.gatewayAddress(deadGateway), "127.0.0.1:" + closedPort);
        redis.hash(String.class).hset(RedisKeys.routes(carol), Map.of("phone", deadGateway));
        double failedBefore = failedHandOffs();

        publish(Topics.MESSAGES, new MessageStored(ChatIds.direct(alice, carol), UUID.randomUUID(), alice, List.of(carol),
                "phone", "c-1", "first", System.currentTimeMillis(), false, null, null));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> failedHandOffs() > failedBefore);
        assertEquals(Map.of("phone", deadGateway), redis.hash(String.class).hgetall(RedisKeys.routes(carol)),
                "a failed connect alone removes nothing");
        publish(Topics.MESSAGES, new MessageStored(ChatIds.direct(alice, carol), UUID.randomUUID(), alice, List.of(carol),
                "phone", "c-2", "second", System.currentTimeMillis(), false, null, null));

        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> redis.hash(String.class).hgetall(RedisKeys.routes(carol)).isEmpty());
        assertEquals(failedBefore + 1, failedHandOffs(), "the gone gateway was not tried again");
    }

    @Test
    void anUnreadableRecordIsSkippedAndTheEventsAfterItAreStillHandedOff() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID chat = ChatIds.direct(alice, bob);
        redis.hash(String.class).hset(RedisKeys.routes(bob), Map.of("phone", gatewayId));
        double unreadableBefore = metrics.counter("delivery.events.unreadable").count();
        UUID messageId = UUID.randomUUID();

        publishRaw(Topics.MESSAGES, chat.toString(), "{\"chatId\": [not json");
        publish(Topics.MESSAGES, new MessageStored(chat, messageId, alice, List.of(bob), "phone", "c-1",
                "after the bad record", System.currentTimeMillis(), false, null, null));

        assertEquals(messageId.toString(), awaitDeliveryFor(bob).get("messageId").asText());
        assertEquals(unreadableBefore + 1, metrics.counter("delivery.events.unreadable").count());
    }

    @Test
    void aTypingEventReachesTheRecipientFromTheSameConsumerAsMessages() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        redis.hash(String.class).hset(RedisKeys.routes(bob), Map.of("phone", gatewayId));

        publish(Topics.TYPING, new TypingEvent(ChatIds.direct(alice, bob), alice, bob));

        JsonNode frame = json.readTree(awaitDeliveryFor(bob).get("frame").asText());
        assertEquals("typing", frame.get("type").asText());
        assertEquals(alice.toString(), frame.get("from").asText());
    }

    @Test
    void aViewChangeGoesToTheUsersOtherDevicesButNotTheOneThatMadeIt() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID chat = ChatIds.direct(alice, UUID.randomUUID());
        UUID message = UUID.randomUUID();
        redis.hash(String.class).hset(RedisKeys.routes(alice), Map.of("phone", gatewayId, "laptop", gatewayId));

        publishRaw(Topics.VIEWS, alice.toString(),
                json.writeValueAsString(new ViewChanged(alice, "laptop", ViewChanged.STARRED, chat, message)));

        JsonNode delivery = awaitDeliveryFor(alice);
        assertEquals(alice.toString(), delivery.get("exceptUserId").asText());
        assertEquals("laptop", delivery.get("exceptDeviceId").asText());
        JsonNode frame = json.readTree(delivery.get("frame").asText());
        assertEquals("changed", frame.get("type").asText());
        assertEquals("starred", frame.get("what").asText());
        assertEquals(chat.toString(), frame.get("chatId").asText());
        assertEquals(message.toString(), frame.get("messageId").asText());
    }

    private double failedHandOffs() {
        return metrics.counter("delivery.handoffs", "outcome", "failed").count();
    }

    private JsonNode awaitDeliveryFor(UUID user) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> handedOff.stream().filter(d -> usersOf(d).contains(user.toString())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    /** Every user named by the deliveries handed off so far, once per delivery. */
    private List<String> recipientsHandedOff() {
        return handedOff.stream().flatMap(d -> usersOf(d).stream()).toList();
    }

    private static List<String> usersOf(JsonNode delivery) {
        List<String> users = new java.util.ArrayList<>();
        delivery.get("userIds").forEach(user -> users.add(user.asText()));
        return users;
    }

    private void publish(String topic, Object event) throws Exception {
        publishRaw(topic, json.readTree(json.writeValueAsString(event)).get("chatId").asText(), json.writeValueAsString(event));
    }

    private void publishRaw(String topic, String key, String value) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
