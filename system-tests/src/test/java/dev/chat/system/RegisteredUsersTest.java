package dev.chat.system;

import static dev.chat.system.ChatCluster.WAIT;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.common.ids.TimeUuids;
import dev.chat.stack.testing.SocketClient;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

/**
 * The client's journey over the public APIs of the real system: register, discover each other by
 * phone number, exchange messages over the gateway, read the inbox with its unread counts before
 * and after marking seen, and scroll back through history that spans two time buckets.
 */
@ExtendWith(SharedCluster.class)
class RegisteredUsersTest {

    private static ChatCluster cluster;

    @BeforeAll
    static void joinCluster() {
        cluster = SharedCluster.get();
    }

    @Test
    void twoUsersRegisterFindEachOtherChatAndReadInboxAndHistory() {
        RegisteredUser ann = RegisteredUser.register(cluster, "Ann");
        RegisteredUser ben = RegisteredUser.register(cluster, "Ben");

        // Ben has Ann in his address book: his presence is for his contacts (the default), Ann among them.
        ben.rest().contentType(ContentType.JSON).body(Map.of("phoneNumber", ann.phone(), "name", "Ann"))
                .post(cluster.contactsUrl() + "/v1/contacts").then().statusCode(201);
        // Discovery: of the numbers in Ann's address book, only Ben's is registered.
        ann.rest().contentType(ContentType.JSON)
                .body(Map.of("phoneNumbers", List.of(ben.phone(), Phones.fresh())))
                .post(cluster.contactsUrl() + "/v1/accounts/lookup").then().statusCode(200)
                .body("accounts.userId", contains(ben.id().toString()))
                .body("accounts[0].displayName", equalTo("Ben"));
        ann.rest().contentType(ContentType.JSON).body(Map.of("phoneNumber", ben.phone(), "name", "Benny"))
                .post(cluster.contactsUrl() + "/v1/contacts").then().statusCode(201)
                .body("registered", equalTo(true)).body("userId", equalTo(ben.id().toString()))
                .body("presence.online", equalTo(false));

        UUID chat = ChatIds.direct(ann.id(), ben.id());
        List<UUID> older = seedHistoryFromFortyDaysAgo(chat, ann.id(), ben.id(), 3);

        try (SocketClient annSocket = ann.connect(cluster, 1); SocketClient benSocket = ben.connect(cluster, 2)) {
            // Ben's gateway registered his route: the contact now shows him online, through presence-service.
            Awaitility.await().atMost(WAIT).untilAsserted(() -> ann.rest().get(cluster.contactsUrl() + "/v1/contacts")
                    .then().statusCode(200).body("contacts[0].presence.online", equalTo(true)));

            List<UUID> sent = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                annSocket.send(Map.of("type", "send", "id", "s-" + i, "to", ben.id(), "body", "message " + i));
                sent.add(UUID.fromString(annSocket.next("ack", WAIT).get("messageId").asText()));
            }
            for (int i = 1; i <= 5; i++) {
                JsonNode message = benSocket.next("message", WAIT);
                assertEquals(sent.get(i - 1).toString(), message.get("messageId").asText());
                assertEquals("message " + i, message.get("body").asText());
            }

            ben.rest().get(cluster.inboxUrl() + "/v1/inbox").then().statusCode(200)
                    .body("conversations.chatId", contains(chat.toString()))
                    .body("conversations[0].peerId", equalTo(ann.id().toString()))
                    .body("conversations[0].unreadCount", equalTo(5))
                    .body("conversations[0].lastMessagePreview", equalTo("message 5"));
            ann.rest().get(cluster.inboxUrl() + "/v1/inbox").then().statusCode(200)
                    .body("conversations[0].peerId", equalTo(ben.id().toString()))
                    .body("conversations[0].unreadCount", equalTo(0));

            benSocket.send(Map.of("type", "seen", "chatId", chat, "upTo", sent.get(2)));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> ben.rest().get(cluster.inboxUrl() + "/v1/inbox")
                    .then().body("conversations[0].unreadCount", equalTo(2)));
            benSocket.send(Map.of("type", "seen", "chatId", chat, "upTo", sent.get(4)));
            Awaitility.await().atMost(WAIT).untilAsserted(() -> ben.rest().get(cluster.inboxUrl() + "/v1/inbox")
                    .then().body("conversations[0].unreadCount", equalTo(0)));

            // History, newest first, three at a time: the five new messages, then the three of the older bucket.
            List<UUID> expected = new ArrayList<>(older);
            expected.addAll(sent);
            Collections.reverse(expected);
            assertEquals(expected, readWholeHistory(ben, chat, 3));
            assertEquals(expected, readWholeHistory(ann, chat, 100));

            RegisteredUser stranger = RegisteredUser.register(cluster, "Stranger");
            stranger.rest().get(cluster.inboxUrl() + "/v1/chats/" + chat + "/messages").then().statusCode(404)
                    .contentType("application/problem+json");

            annSocket.send(Map.of("type", "send", "id", "to-nobody", "to", UUID.randomUUID(), "body", "hello?"));
            JsonNode error = annSocket.next("error", WAIT);
            assertEquals("unknown_recipient", error.get("code").asText());
            assertEquals("to-nobody", error.get("id").asText());
        }
    }

    /** Pages back from the newest message until there is no older page; the ids in the order read. */
    private static List<UUID> readWholeHistory(RegisteredUser reader, UUID chat, int pageSize) {
        List<UUID> read = new ArrayList<>();
        String before = null;
        do {
            RequestSpecification request = reader.rest().queryParam("limit", pageSize);
            if (before != null) {
                request.queryParam("before", before);
            }
            Map<String, Object> page = request.get(cluster.inboxUrl() + "/v1/chats/" + chat + "/messages")
                    .then().statusCode(200).extract().as(Map.class);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> messages = (List<Map<String, Object>>) page.get("messages");
            assertTrue(messages.size() <= pageSize);
            messages.forEach(m -> read.add(UUID.fromString((String) m.get("messageId"))));
            before = (String) page.get("nextBefore");
        } while (before != null);
        return read;
    }

    /** Messages Ann sent Ben 40 days ago, stored as message-service stores them: a bucket older than today's. */
    private static List<UUID> seedHistoryFromFortyDaysAgo(UUID chat, UUID sender, UUID recipient, int count) {
        Instant start = Instant.now().minus(Duration.ofDays(40));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = TimeUuids.startOf(start.plusSeconds(i));
            int bucket = MessageBuckets.bucketOf(chat, id);
            cluster.cassandra().execute("INSERT INTO messages (chat_id, bucket, message_id, sender_id, client_message_id,"
                    + " body, is_delivered, is_seen) VALUES (?, ?, ?, ?, ?, ?, true, true)",
                    chat, bucket, id, sender, "old-" + i, "old message " + i);
            cluster.cassandra().execute("INSERT INTO chat_buckets (chat_id, bucket) VALUES (?, ?)", chat, bucket);
            ids.add(id);
        }
        assertTrue(MessageBuckets.bucketOf(chat, ids.get(0)) < MessageBuckets.bucketOf(chat, Instant.now()),
                "the seeded messages are in an older bucket");
        return ids;
    }
}
