package dev.chat.message.endpoints;

import static dev.chat.message.support.Gateway.gateway;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.Topics;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.message.support.Sends;
import dev.chat.message.support.TestUsers;
import dev.chat.message.support.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A gateway's batch: each operation carried out as its own endpoint would, each with its own outcome. */
@QuarkusTest
class BatchResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    ObjectMapper json;

    @Inject
    QuarkusCqlSession cassandra;

    @Test
    void everyOperationOfABatchGetsItsOwnOutcomeInOrder() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        gateway().post("/internal/v1/devices/" + bob + "/phone/pending").then().statusCode(200);
        UUID earlier = Sends.send(alice, bob, "earlier", "before the batch");
        UUID chat = ChatIds.direct(alice, bob);
        List<Map<String, Object>> operations = List.of(
                Map.of("send", send(alice, bob, "batched", "in a batch")),
                Map.of("send", resend(alice, bob, "earlier", "before the batch")),
                Map.of("send", send(alice, UUID.randomUUID(), "to-nobody", "hello?")),
                Map.of("send", send(alice, bob, "empty", "")),
                Map.of("delivered", Map.of("userId", bob, "deviceId", "phone", "chatId", chat, "senderId", alice,
                        "messageIds", List.of(earlier))),
                Map.of("seen", Map.of("userId", bob, "chatId", chat, "upTo", earlier)),
                Map.of("typing", Map.of("fromUserId", alice, "toUserId", bob)),
                Map.of());

        gateway().contentType(ContentType.JSON).body(Map.of("operations", operations))
                .post("/internal/v1/batches").then().statusCode(200)
                .body("results", hasSize(8))
                .body("results.status", contains(201, 200, 404, 400, 200, 204, 204, 400))
                .body("results[0].sent.messageId", notNullValue())
                .body("results[1].sent.messageId", equalTo(earlier.toString()))
                .body("results[1].sent.duplicate", equalTo(true))
                .body("results[2].detail", equalTo("no registered user " + ((Map<?, ?>) operations.get(2).get("send"))
                        .get("recipientId")))
                .body("results[3].sent", nullValue())
                .body("results[4].delivered", contains(earlier.toString()));
    }

    @Test
    void oneToOneSendsOfABatchAreStoredTogetherAndReachKafkaInTheOrderTheyWereSent() throws Exception {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID carol = TestUsers.registered();
        gateway().post("/internal/v1/devices/" + bob + "/phone/pending").then().statusCode(200);
        // About 3 KiB of rows a message: forty of them need several logged batches.
        String body = "x".repeat(1_500);
        List<Map<String, Object>> operations = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            operations.add(Map.of("send", send(alice, i % 4 == 3 ? carol : bob, "together-" + i, body + i)));
        }

        List<Map<String, Object>> results = gateway().contentType(ContentType.JSON).body(Map.of("operations", operations))
                .post("/internal/v1/batches").then().statusCode(200)
                .body("results.status", everyItem(equalTo(201)))
                .extract().path("results");
        List<UUID> acked = results.stream().map(r -> UUID.fromString((String) ((Map<?, ?>) r.get("sent")).get("messageId")))
                .toList();
        for (int i = 1; i < acked.size(); i++) {
            assertTrue(acked.get(i - 1).timestamp() < acked.get(i).timestamp(), "ids follow the order of the sends");
        }
        List<String> toBob = new ArrayList<>();
        for (int i = 0; i < acked.size(); i++) {
            if (i % 4 != 3) {
                toBob.add(acked.get(i).toString());
            }
        }

        List<String> pendingForBob = gateway().post("/internal/v1/devices/" + bob + "/phone/pending?limit=500")
                .then().statusCode(200).extract().path("messages.messageId");
        assertEquals(toBob, pendingForBob, "every message to bob is stored, with its pending row");
        String chat = ChatIds.direct(alice, bob).toString();
        List<String> published = new ArrayList<>();
        for (var record : TopicReader.matching(kafka, Topics.MESSAGES, r -> r.key().equals(chat), toBob.size())) {
            published.add(json.readTree(record.value()).get("messageId").asText());
        }
        assertEquals(toBob, published, "published once each, in the order of their ids");
    }

    @Test
    void oneToOneReceiptsOfABatchAreWrittenTogetherAndEachGetsItsOwnOutcome() throws Exception {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID carol = TestUsers.registered();
        UUID dave = TestUsers.registered();
        gateway().post("/internal/v1/devices/" + bob + "/phone/pending").then().statusCode(200);
        gateway().post("/internal/v1/devices/" + carol + "/phone/pending").then().statusCode(200);
        UUID m1 = Sends.send(alice, bob, "r-1", "one");
        UUID m2 = Sends.send(alice, carol, "r-2", "two");
        UUID m3 = Sends.send(alice, bob, "r-3", "three");
        UUID withBob = ChatIds.direct(alice, bob);
        UUID withCarol = ChatIds.direct(alice, carol);
        List<Map<String, Object>> operations = List.of(
                Map.of("delivered", delivered(bob, withBob, alice, List.of(m1, m3), false)),
                Map.of("delivered", delivered(carol, withCarol, alice, List.of(m2), true)),
                Map.of("delivered", delivered(dave, withBob, alice, List.of(m1), true)),
                Map.of("delivered", delivered(carol, withCarol, alice, List.of(m1), false)));

        gateway().contentType(ContentType.JSON).body(Map.of("operations", operations))
                .post("/internal/v1/batches").then().statusCode(200)
                .body("results.status", contains(200, 200, 400, 200))
                .body("results[0].delivered", contains(m1.toString(), m3.toString()))
                .body("results[1].delivered", contains(m2.toString()))
                .body("results[3].delivered", hasSize(0));

        gateway().post("/internal/v1/devices/" + bob + "/phone/pending").then().statusCode(200).body("messages", hasSize(0));
        gateway().post("/internal/v1/devices/" + carol + "/phone/pending").then().statusCode(200).body("messages", hasSize(0));
        for (UUID[] chatAndMessage : List.of(new UUID[] {withBob, m1}, new UUID[] {withCarol, m2}, new UUID[] {withBob, m3})) {
            assertTrue(cassandra.execute("SELECT is_delivered FROM messages WHERE chat_id = ? AND bucket = ? AND message_id = ?",
                    chatAndMessage[0], MessageBuckets.bucketOf(chatAndMessage[0], chatAndMessage[1]), chatAndMessage[1])
                    .one().getBoolean("is_delivered"));
        }
        assertTrue(TopicReader.first(kafka, Topics.RECEIPTS, r -> r.key().equals(withCarol.toString())
                && r.value().contains(m2.toString())).value().contains("DELIVERED"), "carol's receipt reaches alice");
    }

    @Test
    void aBatchWithoutOperationsIsRefused() {
        gateway().contentType(ContentType.JSON).body(Map.of("operations", List.of()))
                .post("/internal/v1/batches").then().statusCode(400).contentType("application/problem+json");
    }

    private static Map<String, Object> delivered(UUID user, UUID chat, UUID sender, List<UUID> ids, boolean pushedHere) {
        return Map.of("userId", user, "deviceId", "phone", "chatId", chat, "senderId", sender, "messageIds", ids,
                "pushedHere", pushedHere);
    }

    private static Map<String, Object> resend(UUID from, UUID to, String clientId, String body) {
        Map<String, Object> send = new java.util.HashMap<>(send(from, to, clientId, body));
        send.put("resend", true);
        return send;
    }

    private static Map<String, Object> send(UUID from, UUID to, String clientId, String body) {
        return Map.of("senderId", from, "senderDeviceId", "phone", "recipientId", to, "clientMessageId", clientId,
                "body", body);
    }
}
