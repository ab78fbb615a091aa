package dev.chat.message.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
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
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SendMessageTest {

    @Inject
    QuarkusCqlSession cassandra;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aSentMessageIsStoredWithBothInboxesAndPublishedKeyedByChat() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID chat = ChatIds.direct(alice, bob);

        String messageId = given().contentType(ContentType.JSON)
                .body(Map.of("senderId", alice, "recipientId", bob, "clientMessageId", "c-1", "body", "hello bob"))
                .post("/internal/v1/messages")
                .then().statusCode(201)
                .body("chatId", equalTo(chat.toString()))
                .body("sentAt", notNullValue())
                .extract().path("messageId");
        UUID id = UUID.fromString(messageId);

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

        ConsumerRecord<String, String> event = consumeEventFor(messageId);
        assertEquals(chat.toString(), event.key());
        JsonNode body = json.readTree(event.value());
        assertEquals(alice.toString(), body.get("senderId").asText());
        assertEquals(bob.toString(), body.get("recipientIds").get(0).asText());
        assertEquals("hello bob", body.get("body").asText());
    }

    @Test
    void invalidSendsAreRefusedAndNothingIsStored() {
        UUID alice = UUID.randomUUID();
        given().contentType(ContentType.JSON)
                .body(Map.of("senderId", alice, "recipientId", alice, "clientMessageId", "c-1", "body", "me"))
                .post("/internal/v1/messages").then().statusCode(400);
        given().contentType(ContentType.JSON)
                .body(Map.of("senderId", alice, "recipientId", UUID.randomUUID(), "clientMessageId", "c-1", "body", ""))
                .post("/internal/v1/messages").then().statusCode(400);
        assertEquals(0, cassandra.execute("SELECT * FROM user_inbox WHERE user_id = ?", alice).all().size());
    }

    private ConsumerRecord<String, String> consumeEventFor(String messageId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(Set.of(Topics.MESSAGES));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().contains(messageId)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no event for message " + messageId + " on " + Topics.MESSAGES);
    }
}
