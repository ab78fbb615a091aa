package dev.chat.message.endpoints;

import static dev.chat.message.support.Gateway.gateway;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.Topics;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.common.ids.TimeUuids;
import dev.chat.message.support.Sends;
import dev.chat.message.support.TestUsers;
import dev.chat.message.support.TopicReader;
import dev.chat.support.cassandra.Cql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReceiptsTest {

    @Inject
    QuarkusCqlSession cassandra;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aDeliveredAckClearsTheDevicesPendingRowMarksTheMessageAndTellsTheSenderOnce() throws Exception {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID chat = ChatIds.direct(alice, bob);
        gateway().post("/internal/v1/devices/" + bob + "/phone/pending").then().statusCode(200);
        UUID id = Sends.send(alice, bob, "1", "hi");

        delivered(bob, chat, alice, List.of(id)).body("", contains(id.toString()));
        delivered(bob, chat, alice, List.of(id)).body("", empty());

        assertEquals(0, cassandra.execute("SELECT * FROM pending_messages WHERE user_id = ? AND device_id = 'phone'", bob)
                .all().size());
        assertTrue(message(chat, id).getBoolean("is_delivered"));
        JsonNode receipt = json.readTree(TopicReader.first(kafka, Topics.RECEIPTS,
                r -> r.value().contains(id.toString())).value());
        assertEquals("DELIVERED", receipt.get("kind").asText());
        assertEquals(alice.toString(), receipt.get("toUserId").asText());
        assertEquals(bob.toString(), receipt.get("byUserId").asText());
    }

    @Test
    void anAckForAnotherChatOrAnUnknownMessageChangesNothing() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID mallory = TestUsers.registered();
        gateway().post("/internal/v1/devices/" + bob + "/phone/pending").then().statusCode(200);
        UUID id = Sends.send(alice, bob, "1", "hi");

        gateway().contentType(ContentType.JSON).body(Map.of("userId", bob, "deviceId", "phone",
                "chatId", ChatIds.direct(alice, mallory), "senderId", alice, "messageIds", List.of(id)))
                .post("/internal/v1/receipts/delivered").then().statusCode(400);
        UUID chat = ChatIds.direct(alice, bob);
        delivered(bob, chat, alice, List.of(com.datastax.oss.driver.api.core.uuid.Uuids.timeBased())).body("", empty());
        assertFalse(message(chat, id).getBoolean("is_delivered"));
    }

    @Test
    void seenUpToAMessageClearsTheUnreadUpToItAndTellsTheSender() throws Exception {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID chat = ChatIds.direct(alice, bob);
        UUID m1 = Sends.send(alice, bob, "1", "one");
        UUID m2 = Sends.send(alice, bob, "2", "two");
        UUID m3 = Sends.send(alice, bob, "3", "three");

        gateway().contentType(ContentType.JSON).body(Map.of("userId", bob, "chatId", chat, "upTo", m2))
                .post("/internal/v1/receipts/seen").then().statusCode(204);

        Row inbox = cassandra.execute("SELECT * FROM user_inbox WHERE user_id = ? AND chat_id = ?", bob, chat).one();
        assertEquals(Set.of(m3), inbox.getSet("unread_message_ids", UUID.class));
        assertTrue(message(chat, m1).getBoolean("is_seen"));
        assertTrue(message(chat, m2).getBoolean("is_seen"));
        assertFalse(message(chat, m3).getBoolean("is_seen"));
        JsonNode receipt = json.readTree(TopicReader.first(kafka, Topics.RECEIPTS,
                r -> r.value().contains("SEEN") && r.value().contains(m2.toString())).value());
        assertEquals(alice.toString(), receipt.get("toUserId").asText());

        gateway().contentType(ContentType.JSON).body(Map.of("userId", bob, "chatId", UUID.randomUUID(), "upTo", m2))
                .post("/internal/v1/receipts/seen").then().statusCode(404);
    }

    @Test
    void withReadReceiptsOffOnEitherSideASeenClearsTheUnreadButNeitherMarksNorTellsTheSender() throws Exception {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID chat = ChatIds.direct(alice, bob);
        UUID m1 = Sends.send(alice, bob, "1", "one");
        UUID m2 = Sends.send(alice, bob, "2", "two");

        readReceipts(bob, false);
        seen(bob, chat, m1);
        assertEquals(Set.of(m2), unread(bob, chat));
        assertFalse(message(chat, m1).getBoolean("is_seen"), "the reader turned them off");

        readReceipts(bob, true);
        readReceipts(alice, false);
        seen(bob, chat, m2);
        assertEquals(Set.of(), unread(bob, chat));
        assertFalse(message(chat, m2).getBoolean("is_seen"), "the sender turned them off: they work both ways");

        readReceipts(alice, true);
        UUID m3 = Sends.send(alice, bob, "3", "three");
        seen(bob, chat, m3);
        assertTrue(message(chat, m3).getBoolean("is_seen"));
        // One chat's receipts share a partition, in order: the first seen receipt of the chat is m3's.
        JsonNode first = json.readTree(TopicReader.first(kafka, Topics.RECEIPTS,
                r -> r.value().contains("SEEN") && r.value().contains(chat.toString())).value());
        assertEquals(m3.toString(), first.get("upTo").asText());
    }

    private void readReceipts(UUID user, boolean on) {
        cassandra.execute("UPDATE users SET read_receipts = ? WHERE user_id = ?", on, user);
    }

    private void seen(UUID user, UUID chat, UUID upTo) {
        gateway().contentType(ContentType.JSON).body(Map.of("userId", user, "chatId", chat, "upTo", upTo))
                .post("/internal/v1/receipts/seen").then().statusCode(204);
    }

    private Set<UUID> unread(UUID user, UUID chat) {
        return cassandra.execute("SELECT unread_message_ids FROM user_inbox WHERE user_id = ? AND chat_id = ?", user, chat)
                .one().getSet("unread_message_ids", UUID.class);
    }

    @Test
    void aDeliveredTheGatewayVouchesForCountsWithoutAPendingRowAndAnUnvouchedOneNeedsIt() throws Exception {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID chat = ChatIds.direct(alice, bob);
        gateway().post("/internal/v1/devices/" + bob + "/phone/pending").then().statusCode(200);
        UUID m1 = Sends.send(alice, bob, "v1", "pushed live to a tablet that had no pending row");
        UUID m2 = Sends.send(alice, bob, "v2", "never pushed to the tablet");

        gateway().contentType(ContentType.JSON).body(Map.of("userId", bob, "deviceId", "tablet", "chatId", chat,
                "senderId", alice, "messageIds", List.of(m1), "pushedHere", true))
                .post("/internal/v1/receipts/delivered").then().statusCode(200).body("", contains(m1.toString()));
        gateway().contentType(ContentType.JSON).body(Map.of("userId", bob, "deviceId", "tablet", "chatId", chat,
                "senderId", alice, "messageIds", List.of(m2), "pushedHere", false))
                .post("/internal/v1/receipts/delivered").then().statusCode(200).body("", empty());

        assertTrue(message(chat, m1).getBoolean("is_delivered"));
        assertFalse(message(chat, m2).getBoolean("is_delivered"));
        JsonNode receipt = json.readTree(TopicReader.first(kafka, Topics.RECEIPTS,
                r -> r.value().contains("DELIVERED") && r.value().contains(m1.toString())).value());
        assertEquals(alice.toString(), receipt.get("toUserId").asText());
    }

    @Test
    void seenCoveringThousandsOfUnreadMessagesMarksEveryOneSeen() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID chat = ChatIds.direct(alice, bob);
        UUID first = Sends.send(alice, bob, "first", "the chat begins");
        // 2,999 more unread messages, written as message-service writes them (sending each would take minutes).
        List<UUID> ids = new ArrayList<>(List.of(first));
        Instant start = TimeUuids.instantOf(first);
        List<BoundStatement> writes = new ArrayList<>();
        PreparedStatement insert = cassandra.prepare("INSERT INTO messages (chat_id, bucket, message_id, sender_id, body, is_delivered,"
                + " is_seen) VALUES (?, ?, ?, ?, 'later', true, false)");
        for (int i = 1; i < 3_000; i++) {
            UUID id = TimeUuids.startOf(start.plusMillis(i));
            ids.add(id);
            writes.add(insert.bind(chat, MessageBuckets.bucketOf(chat, id), id, alice));
        }
        Cql.runAll(cassandra, writes, 64).await().atMost(Duration.ofMinutes(1));
        cassandra.execute("UPDATE user_inbox SET unread_message_ids = unread_message_ids + ? WHERE user_id = ? AND chat_id = ?",
                Set.copyOf(ids), bob, chat);
        UUID last = ids.get(ids.size() - 1);

        gateway().contentType(ContentType.JSON).body(Map.of("userId", bob, "chatId", chat, "upTo", last))
                .post("/internal/v1/receipts/seen").then().statusCode(204);

        assertEquals(Set.of(), cassandra.execute("SELECT unread_message_ids FROM user_inbox WHERE user_id = ? AND chat_id = ?",
                bob, chat).one().getSet("unread_message_ids", UUID.class));
        long seen = ids.stream().filter(id -> message(chat, id).getBoolean("is_seen")).count();
        assertEquals(3_000, seen);
    }

    private io.restassured.response.ValidatableResponse delivered(UUID user, UUID chat, UUID sender, List<UUID> ids) {
        return gateway().contentType(ContentType.JSON).body(Map.of("userId", user, "deviceId", "phone", "chatId", chat,
                "senderId", sender, "messageIds", ids)).post("/internal/v1/receipts/delivered").then().statusCode(200);
    }

    private Row message(UUID chat, UUID id) {
        return cassandra.execute("SELECT * FROM messages WHERE chat_id = ? AND bucket = ? AND message_id = ?",
                chat, MessageBuckets.bucketOf(chat, id), id).one();
    }
}
