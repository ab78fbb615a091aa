package dev.chat.system;

import static dev.chat.system.ChatCluster.WAIT;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.common.ids.ChatIds;
import dev.chat.stack.testing.SocketClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replies, reactions, edits and deletions on the real system: the actor and the other side on
 * different gateways, the other side offline for some of it and back on another gateway, history
 * and inbox after it all, and the refusals.
 */
@ExtendWith(SharedCluster.class)
class MessageActionsTest {

    private static ChatCluster cluster;

    @BeforeAll
    static void joinCluster() {
        cluster = SharedCluster.get();
    }

    @Test
    void whatAliceDoesWhileBobIsOfflineReachesHimInOrderOnAnotherGatewayAndHistoryShowsItAll() {
        UUID alice = cluster.registerUser("Alice");
        UUID bob = cluster.registerUser("Bob");
        UUID carol = cluster.registerUser("Carol");
        UUID chat = ChatIds.direct(alice, bob);
        try (SocketClient a = cluster.connect(1, alice, "phone")) {
            UUID lunch;
            UUID reply;
            try (SocketClient b = cluster.connect(2, bob, "phone")) {
                lunch = send(a, Map.of("type", "send", "id", "m-1", "to", bob, "body", "lunch at noon?"));
                acknowledge(b, b.next(f -> lunch.toString().equals(f.path("messageId").asText()), WAIT));
                reply = send(b, Map.of("type", "send", "id", "r-1", "to", alice, "body", "yes!", "replyTo", lunch));
                JsonNode replied = a.next(f -> reply.toString().equals(f.path("messageId").asText()), WAIT);
                assertEquals(lunch.toString(), replied.get("replyTo").asText(), "the reply names what it answers");
                acknowledge(a, replied);
            }

            UUID typo = send(a, Map.of("type", "send", "id", "m-2", "to", bob, "body", "see you at 1pn"));
            UUID edit = send(a, Map.of("type", "edit", "id", "e-1", "to", bob, "messageId", typo, "body", "see you at 1pm"));
            UUID thumbs = send(a, Map.of("type", "react", "id", "x-1", "to", bob, "messageId", reply, "emoji", "👍"));
            UUID oops = send(a, Map.of("type", "send", "id", "m-3", "to", bob, "body", "my PIN is 1234"));
            UUID deletion = send(a, Map.of("type", "delete", "id", "d-1", "to", bob, "messageId", oops));

            try (SocketClient b = SocketClient.connect(cluster.wsUrl(1), cluster.token(bob, "phone"))) {
                List<JsonNode> caughtUp = new ArrayList<>();
                JsonNode frame;
                while (!"synced".equals((frame = b.next(WAIT)).path("type").asText())) {
                    caughtUp.add(frame);
                    acknowledge(b, frame);
                }
                assertEquals(List.of("message " + typo, "edited " + edit + " of " + typo, "reaction " + thumbs + " of " + reply,
                        "deleted " + deletion + " of " + oops), caughtUp.stream().map(MessageActionsTest::describe).toList(),
                        "in order, once each; the deleted message itself is not pushed, only its deletion");
                assertEquals("see you at 1pm", caughtUp.get(1).get("body").asText());
                assertEquals("👍", caughtUp.get(2).get("emoji").asText());
                assertEquals(alice.toString(), caughtUp.get(3).get("from").asText());

                // Live, to the other gateway: Alice changes her reaction.
                UUID heart = send(a, Map.of("type", "react", "id", "x-2", "to", bob, "messageId", reply, "emoji", "❤️"));
                JsonNode live = b.next(f -> heart.toString().equals(f.path("messageId").asText()), WAIT);
                assertEquals("reaction", live.get("type").asText());
                assertEquals("❤️", live.get("emoji").asText());
                acknowledge(b, live);

                refused(b, Map.of("type", "edit", "id", "no-1", "to", alice, "messageId", typo, "body", "mine"), "not_allowed");
                refused(b, Map.of("type", "delete", "id", "no-2", "to", alice, "messageId", lunch), "not_allowed");
                UUID elsewhere = send(a, Map.of("type", "send", "id", "m-4", "to", carol, "body", "for Carol only"));
                refused(b, Map.of("type", "react", "id", "no-3", "to", alice, "messageId", elsewhere, "emoji", "👀"),
                        "unknown_message");
                refused(b, Map.of("type", "send", "id", "no-4", "to", alice, "body", "?", "replyTo", oops), "not_allowed");
                refused(b, Map.of("type", "react", "id", "no-5", "to", alice, "messageId", typo, "emoji", "nice"), "invalid_field");
                assertTrue(b.drain().stream().noneMatch(f -> f.has("messageId") && !"ack".equals(f.path("type").asText())),
                        "nothing was pushed twice or left over");

                // The edit window (ChatCluster.EDIT_WINDOW here) closes on the first message; an edit after it is refused.
                Awaitility.await().atMost(ChatCluster.EDIT_WINDOW.multipliedBy(3)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    a.send(Map.of("type", "edit", "id", "late-" + UUID.randomUUID(), "to", bob, "messageId", lunch, "body", "1pm?"));
                    JsonNode answer = a.next(f -> "ack".equals(f.path("type").asText()) || "error".equals(f.path("type").asText()),
                            WAIT);
                    return "too_late".equals(answer.path("code").asText());
                });
            }
            assertHistoryAndInbox(bob, chat, lunch, reply, typo, oops, alice);
        }
    }

    private static void assertHistoryAndInbox(UUID bob, UUID chat, UUID lunch, UUID reply, UUID typo, UUID oops, UUID alice) {
        JsonPath history = given().auth().oauth2(cluster.token(bob, "phone"))
                .get(cluster.inboxUrl() + "/v1/chats/" + chat + "/messages").then().statusCode(200).extract().jsonPath();
        Map<String, Object> replied = message(history, reply);
        assertEquals(lunch.toString(), replied.get("replyTo"));
        assertEquals(List.of(Map.of("emoji", "❤️", "count", 1, "users", List.of(alice.toString()))), replied.get("reactions"));
        assertEquals("see you at 1pm", message(history, typo).get("body"));
        assertTrue(message(history, typo).containsKey("editedAt"));
        assertEquals(true, message(history, oops).get("deleted"));
        assertFalse(message(history, oops).containsKey("body"), "the deleted text is gone");
        assertEquals(4, history.getList("messages").size(), "actions are not messages of the history");

        JsonPath inbox = given().auth().oauth2(cluster.token(bob, "phone")).get(cluster.inboxUrl() + "/v1/inbox").then()
                .statusCode(200).extract().jsonPath();
        assertEquals("This message was deleted",
                inbox.getString("conversations.find { it.chatId == '" + chat + "' }.lastMessagePreview"));
    }

    @Test
    void inAGroupAnAdminDeletesAMembersMessageAndAnOfflineMemberGetsOnlyTheTombstone() {
        UUID ann = cluster.registerUser("Ann");
        UUID ben = cluster.registerUser("Ben");
        UUID cid = cluster.registerUser("Cid");
        cluster.connect(3, cid, "phone").close(); // Cid has a device, then goes offline
        try (SocketClient a = cluster.connect(1, ann, "phone"); SocketClient b = cluster.connect(2, ben, "phone")) {
            UUID group = UUID.fromString(given().auth().oauth2(cluster.token(ann, "phone")).contentType(ContentType.JSON)
                    .body(Map.of("name", "Team", "memberIds", List.of(ben, cid))).post(cluster.messagesUrl() + "/v1/groups")
                    .then().statusCode(201).extract().path("groupId"));
            UUID hello = send(a, Map.of("type", "send", "id", "g-1", "group", group, "body", "welcome"));
            UUID spam = send(b, Map.of("type", "send", "id", "g-2", "group", group, "body", "buy my stuff"));
            UUID thumbs = send(b, Map.of("type", "react", "id", "g-3", "group", group, "messageId", hello, "emoji", "👍"));
            assertEquals("reaction", a.next(f -> thumbs.toString().equals(f.path("messageId").asText()), WAIT).get("type").asText());
            refused(b, Map.of("type", "edit", "id", "g-4", "group", group, "messageId", hello, "body", "mine"), "not_allowed");
            UUID deletion = send(a, Map.of("type", "delete", "id", "g-5", "group", group, "messageId", spam));
            JsonNode told = b.next(f -> deletion.toString().equals(f.path("messageId").asText()), WAIT);
            assertEquals(spam.toString(), told.get("target").asText(), "the author learns an admin deleted it");
            assertTrue(told.get("group").asBoolean());

            try (SocketClient c = SocketClient.connect(cluster.wsUrl(1), cluster.token(cid, "phone"))) {
                List<String> caughtUp = new ArrayList<>();
                JsonNode frame;
                while (!"synced".equals((frame = c.next(WAIT)).path("type").asText())) {
                    if (!frame.has("system")) {
                        caughtUp.add(describe(frame));
                    }
                }
                assertEquals(List.of("message " + hello, "reaction " + thumbs + " of " + hello, "deleted " + deletion + " of " + spam),
                        caughtUp);
            }
        }
    }

    @Test
    void aPhotoGoesThroughTheObjectStoreToAnOfflineRecipientOnAnotherGatewayAndLeavesWithItsMessage() throws Exception {
        UUID alice = cluster.registerUser("Alice");
        UUID bob = cluster.registerUser("Bob");
        UUID eve = cluster.registerUser("Eve");
        cluster.connect(2, bob, "phone").close(); // Bob has a device, and is offline
        byte[] photo = new byte[50_000];
        new java.util.Random(11).nextBytes(photo);
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(photo));
        JsonPath slot = given().auth().oauth2(cluster.token(alice, "phone")).contentType(ContentType.JSON)
                .body(Map.of("contentType", "image/jpeg", "size", photo.length, "sha256", digest))
                .post(cluster.messagesUrl() + "/v1/attachments").then().statusCode(201).extract().jsonPath();
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(java.net.URI.create(slot.getString("uploadUrl")))
                .header("Content-Type", "image/jpeg").PUT(HttpRequest.BodyPublishers.ofByteArray(photo)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, put.statusCode(), put.body());
        Map<String, Object> attachment = Map.of("id", slot.getString("attachmentId"), "contentType", "image/jpeg",
                "size", photo.length, "sha256", digest);

        UUID sent;
        try (SocketClient a = cluster.connect(1, alice, "phone")) {
            sent = send(a, Map.of("type", "send", "id", "photo-1", "to", bob, "attachment", attachment));
        }
        try (SocketClient b = SocketClient.connect(cluster.wsUrl(3), cluster.token(bob, "phone"))) {
            JsonNode message = b.next(f -> sent.toString().equals(f.path("messageId").asText()), WAIT);
            assertEquals(digest, message.get("attachment").get("sha256").asText());
            assertFalse(message.has("body"), "no caption");
            acknowledge(b, message);
        }
        String id = slot.getString("attachmentId");
        String link = given().auth().oauth2(cluster.token(bob, "phone")).get(cluster.messagesUrl() + "/v1/attachments/" + id)
                .then().statusCode(200).extract().path("downloadUrl");
        org.junit.jupiter.api.Assertions.assertArrayEquals(photo, HTTP.send(HttpRequest.newBuilder(java.net.URI.create(link))
                .build(), HttpResponse.BodyHandlers.ofByteArray()).body(), "Bob downloads what Alice uploaded");
        given().auth().oauth2(cluster.token(eve, "phone")).get(cluster.messagesUrl() + "/v1/attachments/" + id)
                .then().statusCode(404);

        try (SocketClient a = cluster.connect(2, alice, "phone")) {
            send(a, Map.of("type", "delete", "id", "unsend-1", "to", bob, "messageId", sent));
        }
        given().auth().oauth2(cluster.token(bob, "phone")).get(cluster.messagesUrl() + "/v1/attachments/" + id)
                .then().statusCode(404);
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(java.net.URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode(), "the file left the store with its message");
    }

    private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    /** Sends a frame and returns the id its ack gives. */
    private static UUID send(SocketClient socket, Map<String, Object> frame) {
        socket.send(frame);
        JsonNode ack = socket.next(f -> "ack".equals(f.path("type").asText()) || "error".equals(f.path("type").asText()), WAIT);
        assertEquals("ack", ack.get("type").asText(), "answer to " + frame + ": " + ack);
        assertEquals(frame.get("id"), ack.get("id").asText());
        return UUID.fromString(ack.get("messageId").asText());
    }

    private static void refused(SocketClient socket, Map<String, Object> frame, String code) {
        socket.send(frame);
        JsonNode error = socket.next("error", WAIT);
        assertEquals(code, error.get("code").asText(), error.toString());
        assertEquals(frame.get("id"), error.get("id").asText());
    }

    /** Acknowledges a message or action frame as clients must. */
    private static void acknowledge(SocketClient socket, JsonNode frame) {
        Map<String, Object> delivered = new HashMap<>();
        delivered.put("type", "delivered");
        delivered.put("chatId", frame.get("chatId").asText());
        delivered.put("from", frame.get("from").asText());
        delivered.put("messageIds", List.of(frame.get("messageId").asText()));
        socket.send(delivered);
    }

    private static String describe(JsonNode frame) {
        String type = frame.get("type").asText();
        return type + " " + frame.get("messageId").asText() + (frame.has("target") ? " of " + frame.get("target").asText() : "");
    }

    private static Map<String, Object> message(JsonPath history, UUID id) {
        return history.getMap("messages.find { it.messageId == '" + id + "' }");
    }
}
