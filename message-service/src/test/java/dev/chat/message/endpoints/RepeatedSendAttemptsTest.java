package dev.chat.message.endpoints;

import static dev.chat.message.support.Gateway.gateway;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.message.support.TestUsers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two attempts of one send at the same moment (a client resending after a timeout while its first
 * attempt is still being stored) make one message, whichever order they are written in.
 */
@QuarkusTest
class RepeatedSendAttemptsTest {

    @Inject
    QuarkusCqlSession cassandra;

    @Test
    void attemptsOfOneSendInFlightTogetherAreStoredOnceUnderOneId() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        device(bob, "phone");
        List<Map<String, Object>> operations = List.of(
                Map.of("send", send(alice, bob, "twice", "hello", false, null)),
                Map.of("send", send(alice, bob, "twice", "hello", true, null)));

        List<String> ids = gateway().contentType(ContentType.JSON).body(Map.of("operations", operations))
                .post("/internal/v1/batches").then().statusCode(200)
                .body("results.status", contains(201, 200))
                .body("results[1].sent.duplicate", equalTo(true))
                .extract().path("results.sent.messageId");

        assertEquals(ids.get(0), ids.get(1), "the second attempt is answered with the first one's id");
        assertEquals(List.of(UUID.fromString(ids.get(0))), messageIdsOf(ChatIds.direct(alice, bob), UUID.fromString(ids.get(0))));
        gateway().post(pending(bob, "phone")).then().statusCode(200).body("messages.messageId", contains(ids.get(0)));
    }

    @Test
    void aSendWrittenAgainUnderTheIdItsGatewayProposedKeepsTheReceiptsItGotMeanwhile() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        device(bob, "phone");
        UUID chat = ChatIds.direct(alice, bob);
        UUID proposed = Uuids.timeBased();

        // The resend overtook its first attempt: it finds no earlier send and stores the message.
        gateway().contentType(ContentType.JSON).body(send(alice, bob, "late", "hello", true, proposed))
                .post("/internal/v1/messages").then().statusCode(201).body("messageId", equalTo(proposed.toString()));
        gateway().contentType(ContentType.JSON).body(Map.of("userId", bob, "deviceId", "phone", "chatId", chat,
                "senderId", alice, "messageIds", List.of(proposed))).post("/internal/v1/receipts/delivered")
                .then().statusCode(200);
        gateway().contentType(ContentType.JSON).body(Map.of("userId", bob, "chatId", chat, "upTo", proposed))
                .post("/internal/v1/receipts/seen").then().statusCode(204);

        // Then the first attempt's rows are written after all.
        gateway().contentType(ContentType.JSON).body(send(alice, bob, "late", "hello", false, proposed))
                .post("/internal/v1/messages").then().statusCode(201).body("messageId", equalTo(proposed.toString()));

        assertEquals(List.of(proposed), messageIdsOf(chat, proposed), "one message");
        Row message = cassandra.execute("SELECT is_delivered, is_seen FROM messages WHERE chat_id = ? AND bucket = ?"
                + " AND message_id = ?", chat, MessageBuckets.bucketOf(chat, proposed), proposed).one();
        assertTrue(message.getBoolean("is_delivered") && message.getBoolean("is_seen"), "its receipts stay");
        gateway().post(pending(bob, "phone")).then().statusCode(200).body("messages", empty());
        assertTrue(cassandra.execute("SELECT unread_message_ids FROM user_inbox WHERE user_id = ? AND chat_id = ?", bob, chat)
                .one().getSet("unread_message_ids", UUID.class).isEmpty(), "seen stays seen");
    }

    private List<UUID> messageIdsOf(UUID chat, UUID someMessage) {
        return cassandra.execute("SELECT message_id FROM messages WHERE chat_id = ? AND bucket = ?", chat,
                MessageBuckets.bucketOf(chat, someMessage)).all().stream().map(r -> r.getUuid("message_id")).toList();
    }

    private static Map<String, Object> send(UUID from, UUID to, String clientId, String body, boolean resend,
            UUID proposedId) {
        Map<String, Object> send = new HashMap<>(Map.of("senderId", from, "senderDeviceId", "phone", "recipientId", to,
                "clientMessageId", clientId, "body", body, "resend", resend));
        if (proposedId != null) {
            send.put("messageId", proposedId);
        }
        return send;
    }

    private static void device(UUID user, String device) {
        gateway().post(pending(user, device)).then().statusCode(200);
    }

    private static String pending(UUID user, String device) {
        return "/internal/v1/devices/" + user + "/" + device + "/pending";
    }
}
