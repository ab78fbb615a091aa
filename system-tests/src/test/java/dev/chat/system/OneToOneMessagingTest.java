package dev.chat.system;

import static dev.chat.system.ChatCluster.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.stack.testing.SocketClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One-to-one messaging across the shared cluster's gateways and two delivery-service instances,
 * each its own process, on real Cassandra, Kafka and Redis. The crash tests run last: they kill
 * instances (a delivery-service instance and the third gateway stay down; the second gateway is
 * started again for the classes after this one).
 */
@ExtendWith(SharedCluster.class)
@Order(Integer.MAX_VALUE - 2) // kills instances of the shared cluster: after the classes that need them all
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OneToOneMessagingTest {

    private static ChatCluster cluster;

    @BeforeAll
    static void joinCluster() {
        cluster = SharedCluster.get();
    }

    /** The classes after this one use gateways 1 and 2: the second, killed here, comes back. */
    @AfterAll
    static void restartTheKilledGateway() {
        if (!cluster.gateway(2).isAlive()) {
            cluster.restartGateway(2);
        }
    }

    @Test
    @Order(1)
    void aMessageFromGateway1ReachesGateway2WithAckThenDeliveredThenSeen() {
        UUID alice = cluster.registerUser("Alice");
        UUID bob = cluster.registerUser("Bob");
        UUID chat = ChatIds.direct(alice, bob);
        try (SocketClient a = cluster.connect(1, alice, "phone"); SocketClient b = cluster.connect(2, bob, "phone")) {
            a.send(Map.of("type", "send", "id", "c-1", "to", bob, "body", "hello bob"));
            JsonNode ack = a.next("ack", WAIT);
            UUID id = UUID.fromString(ack.get("messageId").asText());
            assertEquals(chat.toString(), ack.get("chatId").asText());

            JsonNode message = b.next("message", WAIT);
            assertEquals(id.toString(), message.get("messageId").asText());
            assertEquals(alice.toString(), message.get("from").asText());
            assertEquals("hello bob", message.get("body").asText());
            assertEquals(false, row(chat, id).getBoolean("is_delivered"));

            b.send(Map.of("type", "delivered", "chatId", chat, "from", alice, "messageIds", List.of(id)));
            JsonNode delivered = a.next("delivered", WAIT);
            assertEquals(bob.toString(), delivered.get("by").asText());
            assertEquals(id.toString(), delivered.get("messageIds").get(0).asText());
            assertTrue(row(chat, id).getBoolean("is_delivered"));
            assertEquals(false, row(chat, id).getBoolean("is_seen"));

            b.send(Map.of("type", "seen", "chatId", chat, "upTo", id));
            JsonNode seen = a.next("seen", WAIT);
            assertEquals(id.toString(), seen.get("upTo").asText());
            assertTrue(row(chat, id).getBoolean("is_seen"));
            assertTrue(cluster.cassandra().execute("SELECT unread_message_ids FROM user_inbox WHERE user_id = ? AND chat_id = ?",
                    bob, chat).one().getSet(0, UUID.class).isEmpty(), "bob's unread count is zero");
        }
    }

    @Test
    @Order(2)
    void anOfflineRecipientGetsAllFiftyMessagesOnceAndInOrderOnEitherGateway() {
        UUID alice = cluster.registerUser("Alice");
        UUID bob = cluster.registerUser("Bob");
        cluster.connect(2, bob, "phone").close(); // bob's phone is known, then goes offline
        List<UUID> sent;
        try (SocketClient a = cluster.connect(1, alice, "phone")) {
            sent = sendAll(a, bob, 50, "offline-");
            try (SocketClient b = SocketClient.connect(cluster.wsUrl(1), token(bob, "phone"))) {
                List<UUID> received = new ArrayList<>();
                JsonNode frame;
                while (!"synced".equals((frame = b.next(WAIT)).get("type").asText())) {
                    received.add(UUID.fromString(frame.get("messageId").asText()));
                }
                assertEquals(sent, received, "all fifty, once, in order");
                assertEquals(50, frame.get("pending").asInt());
                b.send(Map.of("type", "delivered", "chatId", ChatIds.direct(alice, bob), "from", alice, "messageIds", received));
                Set<UUID> receipted = new LinkedHashSet<>();
                while (receipted.size() < 50) {
                    a.next("delivered", WAIT).get("messageIds").forEach(id -> receipted.add(UUID.fromString(id.asText())));
                }
                assertEquals(Set.copyOf(sent), receipted);
            }
            try (SocketClient again = SocketClient.connect(cluster.wsUrl(2), token(bob, "phone"))) {
                assertEquals(0, again.next("synced", WAIT).get("pending").asInt(), "acknowledged messages are not pushed again");
            }
        }
    }

    @Test
    @Order(3)
    void aRetriedSendIsStoredOnceAndDeliveredOnce() {
        UUID alice = cluster.registerUser("Alice");
        UUID bob = cluster.registerUser("Bob");
        try (SocketClient a = cluster.connect(1, alice, "phone"); SocketClient b = cluster.connect(2, bob, "phone")) {
            a.send(Map.of("type", "send", "id", "same", "to", bob, "body", "once"));
            String first = a.next("ack", WAIT).get("messageId").asText();
            a.send(Map.of("type", "send", "id", "same", "to", bob, "body", "once"));
            assertEquals(first, a.next("ack", WAIT).get("messageId").asText());
            a.send(Map.of("type", "send", "id", "marker", "to", bob, "body", "after"));
            String marker = a.next("ack", WAIT).get("messageId").asText();

            assertEquals(first, b.next("message", WAIT).get("messageId").asText());
            assertEquals(marker, b.next("message", WAIT).get("messageId").asText(), "the retry was not delivered again");
            UUID chat = ChatIds.direct(alice, bob);
            UUID id = UUID.fromString(first);
            assertEquals(2, cluster.cassandra().execute("SELECT message_id FROM messages WHERE chat_id = ? AND bucket = ?",
                    chat, MessageBuckets.bucketOf(chat, id)).all().size());
        }
    }

    @Test
    @Order(4)
    void badFramesGetErrorFramesAndTheSocketStaysUsable() {
        UUID alice = cluster.registerUser("Alice");
        UUID bob = cluster.registerUser("Bob");
        try (SocketClient a = cluster.connect(1, alice, "phone"); SocketClient b = cluster.connect(2, bob, "phone")) {
            a.sendText("{oops");
            assertEquals("bad_json", a.next("error", WAIT).get("code").asText());
            a.send(Map.of("type", "send", "id", "x", "to", alice, "body", "me"));
            assertEquals("self_chat", a.next("error", WAIT).get("code").asText());
            a.send(Map.of("type", "send", "id", "y", "to", bob, "body", "z".repeat(5000)));
            assertEquals("too_large", a.next("error", WAIT).get("code").asText());
            a.send(Map.of("type", "send", "id", "ok", "to", bob, "body", "still here"));
            assertEquals("ok", a.next("ack", WAIT).get("id").asText());
            assertEquals("still here", b.next("message", WAIT).get("body").asText());
        }
    }

    @Test
    @Order(5)
    void killingTheDeliveryInstanceThatOwnsTheChatLosesNoMessage() throws Exception {
        UUID alice = cluster.registerUser("Alice");
        UUID bob = cluster.registerUser("Bob");
        UUID chat = ChatIds.direct(alice, bob);
        int owner = KafkaAssignments.deliveryInstanceOwning(cluster.kafkaBootstrapServers(), chat);
        try (SocketClient a = cluster.connect(1, alice, "phone")) {
            Receiver receiver = new Receiver(2, bob, alice);
            ExecutorService sender = Executors.newSingleThreadExecutor();
            Future<List<UUID>> sending = sender.submit(() -> sendPaced(a, bob, 60, "crash-delivery-", Duration.ofMillis(50)));
            receiver.awaitAtLeast(15);
            cluster.delivery(owner).kill();
            List<UUID> sent = sending.get();
            sender.shutdown();
            assertEquals(sent, receiver.allOnceInOrder(sent.size(), Duration.ofSeconds(60)));
            receiver.close();
        }
    }

    @Test
    @Order(6)
    void aDrainingGatewayClosesWith1001AndItsClientsGetWhatTheyMissedElsewhere() throws Exception {
        UUID alice = cluster.registerUser("Alice");
        UUID bob = cluster.registerUser("Bob");
        try (SocketClient a = cluster.connect(1, alice, "phone"); SocketClient b = cluster.connect(3, bob, "phone")) {
            Thread drain = new Thread(() -> cluster.gateway(3).stop(Duration.ofSeconds(30)));
            drain.start();
            assertEquals(1001, b.closeCode(WAIT), "going away");
            List<UUID> sent = sendAll(a, bob, 5, "while-away-");
            drain.join(30_000);
            try (SocketClient elsewhere = SocketClient.connect(cluster.wsUrl(1), token(bob, "phone"))) {
                List<UUID> received = new ArrayList<>();
                JsonNode frame;
                while (!"synced".equals((frame = elsewhere.next(WAIT)).get("type").asText())) {
                    received.add(UUID.fromString(frame.get("messageId").asText()));
                }
                assertEquals(sent, received);
            }
        }
    }

    @Test
    @Order(7)
    void killingTheGatewayHoldingTheRecipientLosesNoMessage() throws Exception {
        UUID alice = cluster.registerUser("Alice");
        UUID bob = cluster.registerUser("Bob");
        try (SocketClient a = cluster.connect(1, alice, "phone")) {
            Receiver receiver = new Receiver(2, bob, alice);
            ExecutorService sender = Executors.newSingleThreadExecutor();
            Future<List<UUID>> sending = sender.submit(() -> sendPaced(a, bob, 60, "crash-gateway-", Duration.ofMillis(50)));
            receiver.awaitAtLeast(15);
            cluster.gateway(2).kill();
            receiver.reconnectTo(1);
            List<UUID> sent = sending.get();
            sender.shutdown();
            assertEquals(sent, receiver.allOnceInOrder(sent.size(), Duration.ofSeconds(60)));
            receiver.close();
        }
    }

    @Test
    @Order(8)
    void sendsWhoseGatewayDiedBeforeTheirAcksAreStoredOnceWhenResentElsewhere() throws Exception {
        cluster.restartGateway(2);
        UUID alice = cluster.registerUser("Alice");
        UUID bob = cluster.registerUser("Bob");
        UUID chat = ChatIds.direct(alice, bob);
        int count = 40;
        Set<Integer> acked = new java.util.HashSet<>();
        try (SocketClient b = cluster.connect(1, bob, "phone")) {
            try (SocketClient a = cluster.connect(2, alice, "phone")) {
                for (int i = 0; i < count; i++) {
                    a.send(Map.of("type", "send", "id", "burst-" + i, "to", bob, "body", "burst " + i));
                }
                JsonNode firstAck = a.next("ack", WAIT); // some are stored, some in flight, some not sent on yet
                cluster.gateway(2).kill();
                acked.add(Integer.parseInt(firstAck.get("id").asText().substring("burst-".length())));
                a.drain().stream().filter(f -> "ack".equals(f.path("type").asText()))
                        .forEach(f -> acked.add(Integer.parseInt(f.get("id").asText().substring("burst-".length()))));
            }
            try (SocketClient again = cluster.connect(1, alice, "phone")) {
                for (int i = 0; i < count; i++) {
                    if (!acked.contains(i)) {
                        again.send(Map.of("type", "send", "id", "burst-" + i, "to", bob, "body", "burst " + i, "resend", true));
                        again.next("ack", WAIT);
                    }
                }
            }
            Map<String, Integer> bodies = new java.util.HashMap<>();
            Awaitility.await().atMost(WAIT).until(() -> {
                b.drain().stream().filter(f -> "message".equals(f.path("type").asText()))
                        .forEach(f -> bodies.merge(f.get("body").asText(), 1, Integer::sum));
                return bodies.size() == count;
            });
            assertTrue(bodies.values().stream().allMatch(n -> n == 1), "each send delivered once: " + bodies);
        }
        long stored = cluster.cassandra().execute("SELECT body FROM messages WHERE chat_id = ? AND bucket = ?", chat,
                MessageBuckets.bucketOf(chat, com.datastax.oss.driver.api.core.uuid.Uuids.timeBased())).all().size();
        assertEquals(count, stored, "each send stored once (" + (count - acked.size()) + " were resent)");
    }

    private static List<UUID> sendAll(SocketClient a, UUID to, int count, String prefix) {
        for (int i = 0; i < count; i++) {
            a.send(Map.of("type", "send", "id", prefix + i, "to", to, "body", prefix + i));
        }
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            JsonNode ack = a.next("ack", WAIT);
            assertEquals(prefix + i, ack.get("id").asText(), "acks come in send order");
            ids.add(UUID.fromString(ack.get("messageId").asText()));
        }
        return ids;
    }

    private static List<UUID> sendPaced(SocketClient a, UUID to, int count, String prefix, Duration pause)
            throws InterruptedException {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            a.send(Map.of("type", "send", "id", prefix + i, "to", to, "body", prefix + i));
            JsonNode ack = a.next("ack", WAIT);
            ids.add(UUID.fromString(ack.get("messageId").asText()));
            Thread.sleep(pause.toMillis());
        }
        return ids;
    }

    private static Row row(UUID chat, UUID id) {
        return cluster.cassandra().execute("SELECT * FROM messages WHERE chat_id = ? AND bucket = ? AND message_id = ?",
                chat, MessageBuckets.bucketOf(chat, id), id).one();
    }

    private static String token(UUID user, String device) {
        return cluster.token(user, device);
    }

    /**
     * Bob's client as a real one behaves: acknowledges every message it gets, de-duplicates by
     * message id (docs/protocol.md), and reconnects when its socket is lost.
     */
    private static final class Receiver implements AutoCloseable {
        private final UUID user;
        private final UUID peer;
        private final List<UUID> firstSeenOrder = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Set<UUID> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private volatile SocketClient socket;
        private volatile boolean running = true;
        private final Thread reader;

        Receiver(int gateway, UUID user, UUID peer) {
            this.user = user;
            this.peer = peer;
            this.socket = cluster.connect(gateway, user, "phone");
            this.reader = new Thread(this::read, "receiver-" + user);
            reader.start();
        }

        private void read() {
            while (running) {
                SocketClient current = socket;
                List<JsonNode> frames = new ArrayList<>();
                try {
                    frames.add(current.next(Duration.ofMillis(200)));
                } catch (AssertionError none) {
                    continue;
                }
                frames.addAll(current.drain());
                List<UUID> ack = new ArrayList<>();
                for (JsonNode frame : frames) {
                    if ("message".equals(frame.get("type").asText())) {
                        UUID id = UUID.fromString(frame.get("messageId").asText());
                        if (seen.add(id)) {
                            firstSeenOrder.add(id);
                        }
                        ack.add(id);
                    }
                }
                if (!ack.isEmpty() && !current.isClosed()) {
                    try {
                        current.send(Map.of("type", "delivered", "chatId", ChatIds.direct(user, peer), "from", peer,
                                "messageIds", ack));
                    } catch (RuntimeException socketGone) {
                        // the pending rows stay; they come again after the reconnect
                    }
                }
            }
        }

        void awaitAtLeast(int count) {
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> firstSeenOrder.size() >= count);
        }

        void reconnectTo(int gateway) {
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> {
                try {
                    // not cluster.connect: the reader must see the pending messages pushed before 'synced'
                    socket = SocketClient.connect(cluster.wsUrl(gateway), cluster.token(user, "phone"));
                    return true;
                } catch (RuntimeException | AssertionError notYet) {
                    return false;
                }
            });
        }

        List<UUID> allOnceInOrder(int count, Duration within) {
            org.awaitility.Awaitility.await().atMost(within).until(() -> firstSeenOrder.size() >= count);
            return List.copyOf(firstSeenOrder);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            reader.join(5000);
            socket.close();
        }
    }
}
