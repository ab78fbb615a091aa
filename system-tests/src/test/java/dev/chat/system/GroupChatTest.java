package dev.chat.system;

import static dev.chat.system.ChatCluster.WAIT;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.stack.testing.SocketClient;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Group chats across two gateways on the real system: members spread over both, one offline,
 * removal, a non-member's send, and a 256-member group.
 */
@ExtendWith(SharedCluster.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GroupChatTest {

    private static ChatCluster cluster;

    @BeforeAll
    static void joinCluster() {
        cluster = SharedCluster.get();
    }

    @Test
    @Order(1)
    void fiveMembersOneOfflineEveryoneGetsEveryMessageOnceInOrderWithTheRightUnreadCounts() {
        List<UUID> users = new ArrayList<>();
        for (String name : List.of("Ann", "Ben", "Cid", "Dot", "Eve")) {
            users.add(cluster.registerUser(name));
        }
        UUID ann = users.get(0);
        UUID cid = users.get(2);
        UUID eve = users.get(4);
        Map<UUID, SocketClient> online = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            online.put(users.get(i), cluster.connect(i < 2 ? 1 : 2, users.get(i), "phone"));
        }
        try {
            UUID group = createGroup(ann, "Five", users.subList(1, 5));
            // Ann sends five, then Cid five; each member reads a round before the next (a client's
            // own ack and the others' messages share its socket).
            List<UUID> sent = new ArrayList<>();
            Map<UUID, List<UUID>> expectedBy = new LinkedHashMap<>();
            Map<UUID, List<UUID>> receivedBy = new LinkedHashMap<>();
            for (UUID sender : List.of(ann, cid)) {
                List<UUID> round = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    SocketClient socket = online.get(sender);
                    socket.send(Map.of("type", "send", "id", "five-" + sent.size(), "group", group,
                            "body", "message " + sent.size()));
                    round.add(UUID.fromString(socket.next("ack", WAIT).get("messageId").asText()));
                    sent.add(round.get(round.size() - 1));
                }
                for (Map.Entry<UUID, SocketClient> member : online.entrySet()) {
                    if (!member.getKey().equals(sender)) {
                        expectedBy.computeIfAbsent(member.getKey(), k -> new ArrayList<>()).addAll(round);
                        receivedBy.computeIfAbsent(member.getKey(), k -> new ArrayList<>())
                                .addAll(userMessages(member.getValue(), group, round.size()));
                    }
                }
            }
            assertEquals(expectedBy, receivedBy, "each member gets each message once, in order");

            try (SocketClient late = SocketClient.connect(cluster.wsUrl(2), cluster.token(eve, "phone"))) {
                List<UUID> caughtUp = new ArrayList<>();
                JsonNode frame;
                while (!"synced".equals((frame = late.next(WAIT)).path("type").asText())) {
                    if ("message".equals(frame.path("type").asText()) && !frame.has("system")) {
                        caughtUp.add(UUID.fromString(frame.get("messageId").asText()));
                    }
                }
                assertEquals(sent, caughtUp, "the offline member gets all ten on connecting, in order");
            }

            assertUnread(ann, group, 5);     // Cid's five; her own messages and system message are read
            assertUnread(users.get(1), group, 11); // the creation and all ten
            assertUnread(cid, group, 6);     // the creation and Ann's five
            assertUnread(eve, group, 11);
            online.get(users.get(1)).send(Map.of("type", "seen", "chatId", group, "upTo", sent.get(9)));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> assertUnread(users.get(1), group, 0));
            assertUnread(users.get(3), group, 11);
            for (SocketClient socket : online.values()) {
                assertTrue(socket.drain().stream().noneMatch(f -> "message".equals(f.path("type").asText())
                        && sent.contains(UUID.fromString(f.get("messageId").asText()))), "no message pushed twice");
            }
        } finally {
            online.values().forEach(SocketClient::close);
        }
    }

    @Test
    @Order(2)
    void aRemovedMemberStopsReceivingAndANonMembersSendIsRefused() {
        UUID ann = cluster.registerUser("Ann");
        UUID ben = cluster.registerUser("Ben");
        UUID dot = cluster.registerUser("Dot");
        UUID outsider = cluster.registerUser("Outsider");
        try (SocketClient a = cluster.connect(1, ann, "phone"); SocketClient b = cluster.connect(2, ben, "phone");
                SocketClient d = cluster.connect(2, dot, "phone"); SocketClient o = cluster.connect(1, outsider, "phone")) {
            UUID group = createGroup(ann, "Three", List.of(ben, dot));
            given().auth().oauth2(cluster.token(ann, "phone")).delete(cluster.messagesUrl() + "/v1/groups/" + group
                    + "/members/" + dot).then().statusCode(204);
            JsonNode removed = d.next(f -> "removed".equals(f.path("system").asText()), WAIT);
            assertEquals(dot.toString(), removed.get("subject").asText());

            a.send(Map.of("type", "send", "id", "after-removal", "group", group, "body", "Dot is gone"));
            UUID after = UUID.fromString(a.next("ack", WAIT).get("messageId").asText());
            b.next(f -> after.toString().equals(f.path("messageId").asText()), WAIT);
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() ->
                    d.drain().stream().noneMatch(f -> after.toString().equals(f.path("messageId").asText())));
            given().auth().oauth2(cluster.token(dot, "phone")).get(cluster.inboxUrl() + "/v1/chats/" + group + "/messages")
                    .then().statusCode(404);

            d.send(Map.of("type", "send", "id", "let-me-back", "group", group, "body", "hello?"));
            assertEquals("not_a_member", d.next("error", WAIT).get("code").asText());
            o.send(Map.of("type", "send", "id", "gatecrash", "group", group, "body", "hi all"));
            JsonNode refused = o.next("error", WAIT);
            assertEquals("not_a_member", refused.get("code").asText());
            assertEquals("gatecrash", refused.get("id").asText());
        }
    }

    @Test
    @Order(3)
    void everyMemberOfA256MemberGroupOnBothGatewaysReceivesAMessage() {
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            members.add(cluster.registerUser("member " + i));
        }
        List<SocketClient> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < members.size(); i++) {
                sockets.add(cluster.connect(i % 2 + 1, members.get(i), "phone"));
            }
            UUID group = createGroup(members.get(0), "Big", members.subList(1, members.size()));
            sockets.get(0).send(Map.of("type", "send", "id", "big-1", "group", group, "body", "hello, 255 people"));
            UUID id = UUID.fromString(sockets.get(0).next("ack", WAIT).get("messageId").asText());
            for (int i = 1; i < sockets.size(); i++) {
                JsonNode got = sockets.get(i).next(f -> id.toString().equals(f.path("messageId").asText()), WAIT);
                assertEquals("hello, 255 people", got.get("body").asText());
                assertTrue(got.get("group").asBoolean());
            }
        } finally {
            sockets.forEach(SocketClient::close);
        }
    }

    private static UUID createGroup(UUID creator, String name, List<UUID> members) {
        return UUID.fromString(given().auth().oauth2(cluster.token(creator, "phone")).contentType(ContentType.JSON)
                .body(Map.of("name", name, "memberIds", members)).post(cluster.messagesUrl() + "/v1/groups")
                .then().statusCode(201).extract().path("groupId"));
    }

    /** The next {@code count} members' messages of the group on the socket, acknowledged as a client does. */
    private static List<UUID> userMessages(SocketClient socket, UUID group, int count) {
        List<UUID> ids = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        while (ids.size() < count) {
            JsonNode frame;
            try {
                frame = socket.next(f -> {
                    boolean message = "message".equals(f.path("type").asText());
                    if (!message) {
                        others.add(f);
                    }
                    return message;
                }, WAIT);
            } catch (AssertionError e) {
                throw new AssertionError("got " + ids.size() + " of " + count + " messages: " + ids + "; other frames: "
                        + others, e);
            }
            if (group.toString().equals(frame.get("chatId").asText()) && !frame.has("system")) {
                ids.add(UUID.fromString(frame.get("messageId").asText()));
                socket.send(Map.of("type", "delivered", "chatId", group, "from", frame.get("from").asText(),
                        "messageIds", List.of(frame.get("messageId").asText())));
            }
        }
        return ids;
    }

    private static void assertUnread(UUID user, UUID group, int unread) {
        given().auth().oauth2(cluster.token(user, "phone")).get(cluster.inboxUrl() + "/v1/inbox").then().statusCode(200)
                .body("conversations.find { it.chatId == '" + group + "' }.unreadCount", equalTo(unread))
                .body("conversations.find { it.chatId == '" + group + "' }.group", equalTo(true));
    }
}
