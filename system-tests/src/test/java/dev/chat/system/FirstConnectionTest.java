package dev.chat.system;

import static dev.chat.system.ChatCluster.WAIT;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.common.ids.TimeUuids;
import dev.chat.stack.testing.SocketClient;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A new user's first connection: everything sent to them before they ever connected arrives,
 * thousands of messages of up to 4 KB, one-to-one, group and system messages, in order and once,
 * even when message-service is killed in the middle of moving them to the new device; meanwhile
 * the device is told why it waits and stays connected.
 */
@ExtendWith(SharedCluster.class)
@Order(Integer.MAX_VALUE - 1) // kills and restarts message-service of the shared cluster, before the storm kills a gateway
class FirstConnectionTest {

    private static final int SENDERS = 20;
    private static final int EACH = 100;
    private static final int GROUP_SENDERS = 4;
    private static final int EACH_IN_GROUP = 50;

    private final ChatCluster cluster = SharedCluster.get();

    @Test
    void everythingSentBeforeTheFirstConnectionArrivesInOrderOnceThoughMessageServiceDiesMidClaim() throws Exception {
        UUID bob = cluster.registerUser("Bob");
        List<UUID> senders = new ArrayList<>();
        for (int i = 0; i < SENDERS; i++) {
            senders.add(cluster.registerUser("Sender " + i));
        }
        List<UUID> members = new ArrayList<>(senders.subList(1, GROUP_SENDERS));
        members.add(bob);
        UUID group = UUID.fromString(given().auth().oauth2(cluster.token(senders.get(0), "phone"))
                .contentType(ContentType.JSON).body(Map.of("name", "Before Bob", "memberIds", members))
                .post(cluster.messagesUrl() + "/v1/groups").then().statusCode(201).extract().path("groupId"));
        Set<UUID> sent = sendEverything(bob, senders, group);
        int expected = SENDERS * EACH + GROUP_SENDERS * EACH_IN_GROUP + 1; // and the group's creation
        assertEquals(expected - 1, sent.size());
        double failuresBefore = catchUpFailures();

        try (SocketClient phone = SocketClient.connect(cluster.wsUrl(2), cluster.token(bob, "phone"))) {
            awaitFirstCopies(bob);
            cluster.killMessageService();
            long unclaimedLeft = count(bob, "");
            assertTrue(unclaimedLeft > 0 && count(bob, "phone") > 0, "killed in the middle of the claim: "
                    + unclaimedLeft + " left unclaimed, " + count(bob, "phone") + " copied");

            JsonNode delayed = phone.next("error", WAIT);
            assertEquals("catch_up_delayed", delayed.get("code").asText());
            assertTrue(delayed.get("message").asText().contains("This connection stays open"), delayed.toString());
            cluster.restartMessageService();

            List<UUID> received = new ArrayList<>();
            List<JsonNode> frames = new ArrayList<>();
            JsonNode frame;
            while (!"synced".equals((frame = phone.next(Duration.ofMinutes(2))).path("type").asText())) {
                assertEquals("message", frame.path("type").asText(), frame.toString());
                received.add(UUID.fromString(frame.get("messageId").asText()));
                frames.add(frame);
            }
            assertEquals(expected, received.size(), "every message");
            assertEquals(expected, new LinkedHashSet<>(received).size(), "none twice");
            assertTrue(received.containsAll(sent));
            List<UUID> inOrder = new ArrayList<>(received);
            inOrder.sort(TimeUuids::compare);
            assertEquals(inOrder, received, "oldest first, so every chat in its order");
            assertEquals(0, count(bob, ""), "nothing left unclaimed");
            assertEquals(expected, frame.get("pending").asInt());

            assertTrue(catchUpFailures() - failuresBefore >= 1, "the failed catch-up was counted");
            String gatewayLog = Files.readString(cluster.gateway(2).logFile());
            assertEquals(1, Pattern.compile("Catch-up of " + bob + "/phone failed").matcher(gatewayLog).results().count(),
                    "logged once, however many attempts failed");
            acknowledge(phone, frames);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> count(bob, "phone") == 0);
        }
        try (SocketClient again = SocketClient.connect(cluster.wsUrl(1), cluster.token(bob, "phone"))) {
            assertEquals(0, again.next("synced", WAIT).get("pending").asInt(), "acknowledged, so nothing pending");
        }
    }

    /** Each sender sends its messages over one socket (one in five 4,000 characters long), and its group ones over another. */
    private Set<UUID> sendEverything(UUID bob, List<UUID> senders, UUID group) {
        Map<SocketClient, Integer> acksDue = new LinkedHashMap<>();
        try {
            for (int s = 0; s < senders.size(); s++) {
                SocketClient direct = cluster.connect(1, senders.get(s), "phone");
                acksDue.put(direct, EACH);
                for (int i = 0; i < EACH; i++) {
                    direct.send(Map.of("type", "send", "id", "d-" + i, "to", bob, "body", body(s, i)));
                }
                if (s < GROUP_SENDERS) {
                    SocketClient grouped = cluster.connect(1, senders.get(s), "tablet");
                    acksDue.put(grouped, EACH_IN_GROUP);
                    for (int i = 0; i < EACH_IN_GROUP; i++) {
                        grouped.send(Map.of("type", "send", "id", "g-" + i, "group", group, "body", body(s, i)));
                    }
                }
            }
            Set<UUID> sent = new LinkedHashSet<>();
            acksDue.forEach((socket, count) -> {
                for (int i = 0; i < count; i++) {
                    sent.add(UUID.fromString(socket.next("ack", Duration.ofMinutes(2)).get("messageId").asText()));
                }
            });
            return sent;
        } finally {
            acksDue.keySet().forEach(SocketClient::close);
        }
    }

    private static String body(int sender, int i) {
        String head = "from " + sender + ", number " + i;
        return i % 5 == 0 ? head + " " + "x".repeat(4000 - head.length() - 1) : head;
    }

    /** Waits until the claim has copied its first rows into the phone's partition. */
    private void awaitFirstCopies(UUID bob) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2))
                .until(() -> count(bob, "phone") > 0);
    }

    private long count(UUID user, String device) {
        return cluster.cassandra().execute(SimpleStatement.newInstance(
                "SELECT count(*) FROM pending_messages WHERE user_id = ? AND device_id = ?", user, device)).one().getLong(0);
    }

    /** Acknowledges as a client does: per chat and sender, up to 100 ids a frame. */
    private static void acknowledge(SocketClient socket, List<JsonNode> frames) {
        Map<List<String>, List<String>> bySender = new LinkedHashMap<>();
        for (JsonNode m : frames) {
            bySender.computeIfAbsent(List.of(m.get("chatId").asText(), m.get("from").asText()), k -> new ArrayList<>())
                    .add(m.get("messageId").asText());
        }
        bySender.forEach((chatAndSender, ids) -> {
            for (int from = 0; from < ids.size(); from += 100) {
                socket.send(Map.of("type", "delivered", "chatId", chatAndSender.get(0), "from", chatAndSender.get(1),
                        "messageIds", ids.subList(from, Math.min(ids.size(), from + 100))));
            }
        });
    }

    private double catchUpFailures() {
        String metrics = given().get("http://127.0.0.1:" + cluster.gateway(2).managementPort() + "/q/metrics").then().statusCode(200)
                .extract().asString();
        Matcher value = Pattern.compile("(?m)^gateway_catchup_failures_total(\\{[^}]*})? ([0-9.E+-]+)$").matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(2)) : 0;
    }
}
