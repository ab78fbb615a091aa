package dev.chat.message.endpoints;

import static dev.chat.message.support.Gateway.gateway;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.Topics;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.message.support.Announcer;
import dev.chat.message.support.Sends;
import dev.chat.message.support.TestUsers;
import dev.chat.message.support.TopicReader;
import dev.chat.stack.testing.ManagementPort;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SendMessageTest {

    @TestHTTPResource(value = "/openapi", management = true)
    URL openapi;

    @Inject
    QuarkusCqlSession cassandra;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aSentMessageIsStoredWithBothInboxesAndItsPendingRowAndPublishedKeyedByChat() throws Exception {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID chat = ChatIds.direct(alice, bob);

        UUID id = Sends.send(alice, bob, "c-1", "hello bob");

        Row message = cassandra.execute("SELECT * FROM messages WHERE chat_id = ? AND bucket = ? AND message_id = ?",
                chat, MessageBuckets.bucketOf(chat, id), id).one();
        assertNotNull(message, "message row");
        assertEquals(alice, message.getUuid("sender_id"));
        assertEquals("hello bob", message.getString("body"));
        assertEquals("c-1", message.getString("client_message_id"));
        assertFalse(message.getBoolean("is_delivered"));

        Row bobsInbox = cassandra.execute("SELECT * FROM user_inbox WHERE user_id = ? AND chat_id = ?", bob, chat).one();
        assertEquals(id, bobsInbox.getUuid("last_message_id"));
        assertEquals(alice, bobsInbox.getUuid("peer_id"));
        assertEquals(Set.of(id), bobsInbox.getSet("unread_message_ids", UUID.class));
        Row alicesInbox = cassandra.execute("SELECT * FROM user_inbox WHERE user_id = ? AND chat_id = ?", alice, chat).one();
        assertEquals(bob, alicesInbox.getUuid("peer_id"));
        assertTrue(alicesInbox.getSet("unread_message_ids", UUID.class).isEmpty(), "own messages are not unread");

        assertNotNull(cassandra.execute("SELECT * FROM chat_buckets WHERE chat_id = ? AND bucket = ?",
                chat, MessageBuckets.bucketOf(chat, id)).one(), "the bucket is in the chat's bucket index");

        Row pending = cassandra.execute("SELECT * FROM pending_messages WHERE user_id = ? AND device_id = ''", bob).one();
        assertEquals(id, pending.getUuid("message_id"), "bob has no device yet: the message waits unclaimed");

        ConsumerRecord<String, String> event = TopicReader.first(kafka, Topics.MESSAGES, r -> r.value().contains(id.toString()));
        assertEquals(chat.toString(), event.key());
        JsonNode body = json.readTree(event.value());
        assertEquals(alice.toString(), body.get("senderId").asText());
        assertEquals(bob.toString(), body.get("recipientIds").get(0).asText());
        assertEquals("hello bob", body.get("body").asText());
    }

    @Test
    void aRetriedSendIsAnsweredWithTheSameIdStoredOnceAndPublishedAgain() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID first = Sends.send(alice, bob, "retry-me", "once");

        gateway().contentType(ContentType.JSON)
                .body(Map.of("senderId", alice, "senderDeviceId", "phone", "recipientId", bob,
                        "clientMessageId", "retry-me", "body", "once", "resend", true))
                .post("/internal/v1/messages").then().statusCode(200)
                .body("messageId", equalTo(first.toString()))
                .body("duplicate", equalTo(true));

        UUID chat = ChatIds.direct(alice, bob);
        assertEquals(1, cassandra.execute("SELECT message_id FROM messages WHERE chat_id = ? AND bucket = ?",
                chat, MessageBuckets.bucketOf(chat, first)).all().size());
        assertEquals(1, cassandra.execute("SELECT message_id FROM pending_messages WHERE user_id = ? AND device_id = ''",
                bob).all().size());
        // Published again: the first attempt may have been stored and then failed to publish (a Kafka node cut off).
        List<ConsumerRecord<String, String>> events = TopicReader.matching(kafka, Topics.MESSAGES,
                r -> r.value().contains(first.toString()), 2);
        assertEquals(chat.toString(), events.get(1).key(), "the second event, keyed by the chat");
    }

    @Test
    void aFirstAttemptIsStoredWithoutLookingForAnEarlierOneSoAReusedIdMakesANewMessage() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID first = Sends.send(alice, bob, "counter-1", "before the app was reinstalled");

        UUID second = Sends.send(alice, bob, "counter-1", "after: the client's counter started again");

        assertFalse(first.equals(second), "a send not marked as a resend is a new message");
        UUID chat = ChatIds.direct(alice, bob);
        assertEquals(2, cassandra.execute("SELECT message_id FROM messages WHERE chat_id = ? AND bucket = ?",
                chat, MessageBuckets.bucketOf(chat, second)).all().size());
    }

    @Test
    void aResendThatIsAnotherMessageUnderTheSameIdIsRefusedWithA409AndStoresNothing() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID carol = TestUsers.registered();
        UUID first = Sends.send(alice, bob, "reused", "the first message");

        for (Map<String, Object> other : List.of(Map.<String, Object>of("recipientId", bob, "body", "another body"),
                Map.<String, Object>of("recipientId", carol, "body", "the first message"))) {
            Map<String, Object> resend = new HashMap<>(Map.of("senderId", alice, "senderDeviceId", "phone",
                    "clientMessageId", "reused", "resend", true));
            resend.putAll(other);
            gateway().contentType(ContentType.JSON).body(resend).post("/internal/v1/messages").then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("send id 'reused' was used for another message; give every new message an id of its own"));
        }

        UUID chat = ChatIds.direct(alice, bob);
        assertEquals(List.of(first), cassandra.execute("SELECT message_id FROM messages WHERE chat_id = ? AND bucket = ?",
                chat, MessageBuckets.bucketOf(chat, first)).all().stream().map(r -> r.getUuid(0)).toList());
        UUID otherChat = ChatIds.direct(alice, carol);
        assertEquals(0, cassandra.execute("SELECT message_id FROM messages WHERE chat_id = ? AND bucket = ?",
                otherChat, MessageBuckets.bucketOf(otherChat, first)).all().size());
    }

    @Test
    void aLongBodyToAUserWithManyDevicesIsStoredWithAPendingRowForEveryDevice() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        List<String> devices = List.of("phone", "laptop", "tablet", "watch", "car", "tv");
        devices.forEach(device -> gateway().post(pending(bob, device)).then().statusCode(200));
        // 12 KiB of UTF-8 per copy: seven copies are far past Cassandra's 50 KiB limit for one batch.
        String body = "€".repeat(4096);

        UUID id = Sends.send(alice, bob, "long", body);

        for (String device : devices) {
            gateway().post(pending(bob, device)).then().statusCode(200)
                    .body("messages.messageId", contains(id.toString())).body("messages[0].body", equalTo(body));
        }
    }

    @Test
    void aRetriedSendWritesMissingPendingRowsButNeverBringsBackAnAcknowledgedOne() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        gateway().post(pending(bob, "phone")).then().statusCode(200);
        gateway().post(pending(bob, "laptop")).then().statusCode(200);
        UUID id = Sends.send(alice, bob, "twice", "hello");
        gateway().contentType(ContentType.JSON).body(Map.of("userId", bob, "deviceId", "phone",
                "chatId", ChatIds.direct(alice, bob), "senderId", alice, "messageIds", List.of(id)))
                .post("/internal/v1/receipts/delivered").then().statusCode(200);
        // A row the first attempt did not write: the tablet's, a device the retry will know of.
        cassandra.execute("INSERT INTO user_devices (user_id, device_id, connected_at) VALUES (?, 'tablet', toTimestamp(now()))",
                bob);
        Announcer.device(kafka, bob, "tablet");

        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500)).until(() -> {
            gateway().contentType(ContentType.JSON)
                    .body(Map.of("senderId", alice, "senderDeviceId", "phone", "recipientId", bob,
                            "clientMessageId", "twice", "body", "hello", "resend", true))
                    .post("/internal/v1/messages").then().statusCode(200).body("messageId", equalTo(id.toString()));
            return !cassandra.execute("SELECT * FROM pending_messages WHERE user_id = ? AND device_id = 'tablet'", bob)
                    .all().isEmpty();
        });

        gateway().post(pending(bob, "laptop")).then().statusCode(200).body("messages.messageId", contains(id.toString()));
        gateway().post(pending(bob, "phone")).then().statusCode(200).body("messages", empty());
    }

    @Test
    void invalidSendsAreRefusedAndNothingIsStored() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        post(Map.of("senderId", alice, "senderDeviceId", "phone", "recipientId", alice, "clientMessageId", "c", "body", "me"));
        post(Map.of("senderId", alice, "senderDeviceId", "phone", "recipientId", bob, "clientMessageId", "c", "body", ""));
        post(Map.of("senderId", alice, "senderDeviceId", "phone", "recipientId", bob, "clientMessageId", "c",
                "body", "x".repeat(4097)));
        post(Map.of("senderId", alice, "senderDeviceId", "a phone", "recipientId", bob, "clientMessageId", "c", "body", "x"));
        post(Map.of("senderId", alice, "recipientId", bob, "clientMessageId", "c", "body", "x"));
        assertEquals(0, cassandra.execute("SELECT * FROM user_inbox WHERE user_id = ?", alice).all().size());
    }

    @Test
    void aSendToAUserIdWithoutAnAccountIsRefusedWith404AndStoresNothing() {
        UUID alice = TestUsers.registered();
        UUID nobody = UUID.randomUUID();
        gateway().contentType(ContentType.JSON)
                .body(Map.of("senderId", alice, "senderDeviceId", "phone", "recipientId", nobody,
                        "clientMessageId", "to-nobody", "body", "hello?"))
                .post("/internal/v1/messages").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("no registered user " + nobody));
        assertEquals(0, cassandra.execute("SELECT * FROM user_inbox WHERE user_id = ?", alice).all().size());
        assertEquals(0, cassandra.execute("SELECT * FROM pending_messages WHERE user_id = ? AND device_id = ''",
                nobody).all().size());
    }

    private static String pending(UUID user, String device) {
        return "/internal/v1/devices/" + user + "/" + device + "/pending";
    }

    private static void post(Map<String, Object> body) {
        gateway().contentType(ContentType.JSON).body(body).post("/internal/v1/messages").then().statusCode(400);
    }

    @Test
    void theApiIsDescribedOnTheManagementPortAndQIsNotServedOnThePublicPort() {
        ManagementPort.assertNotServedOnThePublicPort();
        given().accept("application/json").get(openapi).then().statusCode(200)
                .body("paths.keySet()", hasItem("/internal/v1/messages"))
                .body("paths.keySet()", hasItem("/internal/v1/receipts/seen"));
    }
}
