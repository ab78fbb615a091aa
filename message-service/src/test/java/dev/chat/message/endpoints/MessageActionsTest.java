package dev.chat.message.endpoints;

import static dev.chat.message.support.Gateway.gateway;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.Topics;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.protocol.Previews;
import dev.chat.message.support.Sends;
import dev.chat.message.support.TestUsers;
import dev.chat.message.support.TopicReader;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Replies, reactions, edits and deletions through the internal API, against real Cassandra and Kafka. */
@QuarkusTest
class MessageActionsTest {

    @Inject
    QuarkusCqlSession cassandra;

    @Inject
    ObjectMapper json;

    @InjectTestServers
    TestServers servers;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aReplyNamesAMessageOfItsOwnChatAndCarriesItIntoTheRowsAndTheEvent() throws Exception {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID carol = TestUsers.registered();
        UUID question = Sends.send(bob, alice, "q-1", "lunch?");
        UUID elsewhere = Sends.send(alice, carol, "c-1", "not for bob");

        UUID answer = UUID.fromString(send(alice, Map.of("recipientId", bob, "clientMessageId", "a-1", "body", "yes",
                "replyTo", question)).statusCode(201).extract().path("messageId"));

        UUID chat = ChatIds.direct(alice, bob);
        assertEquals(question, message(chat, answer).getUuid("reply_to"));
        assertEquals(question, cassandra.execute("SELECT reply_to FROM pending_messages WHERE user_id = ? AND device_id = ''"
                + " AND message_id = ?", bob, answer).one().getUuid("reply_to"));
        JsonNode event = json.readTree(TopicReader.first(kafka, Topics.MESSAGES, r -> r.value().contains(answer.toString())).value());
        assertEquals(question.toString(), event.get("replyTo").asText());

        send(alice, Map.of("recipientId", bob, "clientMessageId", "a-2", "body", "?", "replyTo", elsewhere))
                .statusCode(404).body("code", equalTo("unknown_message"));
        send(alice, Map.of("recipientId", bob, "clientMessageId", "a-3", "body", "?", "replyTo", TimeUuids.startOf(
                java.time.Instant.now()))).statusCode(404).body("code", equalTo("unknown_message"));
    }

    @Test
    void aUserHasOneReactionPerMessageWhichTheirNextReplacesAndAnEmptyOneRemoves() throws Exception {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        device(alice, "laptop");
        UUID hello = Sends.send(alice, bob, "h-1", "hello");
        UUID chat = ChatIds.direct(alice, bob);

        UUID thumbs = act(bob, alice, "r-1", "react", hello, "👍");
        assertTrue(TimeUuids.isActionId(thumbs), "an action's id tells it from a message's");
        assertEquals(Map.of(bob, "👍"), reactions(chat, hello));
        UUID heart = act(bob, alice, "r-2", "react", hello, "❤️");
        assertEquals(Map.of(bob, "❤️"), reactions(chat, hello), "the next reaction replaces the first");
        act(bob, alice, "r-3", "react", hello, "");
        assertEquals(Map.of(), reactions(chat, hello), "an empty emoji removes it");

        List<Row> pending = cassandra.execute("SELECT message_id, kind, target_id, body FROM pending_messages"
                + " WHERE user_id = ? AND device_id = 'laptop'", alice).all();
        assertEquals(List.of("👍", "❤️", ""), pending.stream().map(r -> r.getString("body")).toList(),
                "each reaction is pending for the author's device, in order");
        assertTrue(pending.stream().allMatch(r -> "react".equals(r.getString("kind")) && hello.equals(r.getUuid("target_id"))));
        assertNull(cassandra.execute("SELECT message_id FROM messages WHERE chat_id = ? AND bucket = ? AND message_id = ?",
                chat, MessageBuckets.bucketOf(chat, thumbs), thumbs).one(), "an action has no row in the chat's history");
        JsonNode event = json.readTree(TopicReader.first(kafka, Topics.MESSAGES, r -> r.value().contains(heart.toString())).value());
        assertEquals("react", event.get("action").asText());
        assertEquals(hello.toString(), event.get("target").asText());
        assertEquals(List.of(alice.toString()), List.of(event.get("recipientIds").get(0).asText()));
    }

    @Test
    void anActionResentUnderItsIdIsTakenOnceAndAnotherUnderThatIdIsRefused() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID hello = Sends.send(alice, bob, "h-1", "hello");
        UUID first = act(bob, alice, "r-1", "react", hello, "👍");

        send(bob, Map.of("recipientId", alice, "clientMessageId", "r-1", "action", "react", "target", hello, "body", "👍",
                "resend", true)).statusCode(200).body("messageId", equalTo(first.toString())).body("duplicate", equalTo(true));
        send(bob, Map.of("recipientId", alice, "clientMessageId", "r-1", "action", "react", "target", hello, "body", "😮",
                "resend", true)).statusCode(409).body("code", equalTo("id_reused"));
        send(bob, Map.of("recipientId", alice, "clientMessageId", "r-1", "body", "a message", "resend", true))
                .statusCode(409).body("code", equalTo("id_reused"));
        assertEquals(Map.of(bob, "👍"), reactions(ChatIds.direct(alice, bob), hello));
    }

    @Test
    void onlyTheAuthorEditsAndTheLastMessagesPreviewFollowsInBothInboxes() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID typo = Sends.send(alice, bob, "t-1", "helo");
        UUID chat = ChatIds.direct(alice, bob);

        send(bob, Map.of("recipientId", alice, "clientMessageId", "e-1", "action", "edit", "target", typo, "body", "mine now"))
                .statusCode(403).body("code", equalTo("not_allowed"));
        act(alice, bob, "e-2", "edit", typo, "hello");

        Row row = message(chat, typo);
        assertEquals("hello", row.getString("body"));
        assertNotNull(row.getInstant("edited_at"));
        assertEquals("hello", preview(alice, chat));
        assertEquals("hello", preview(bob, chat));

        UUID later = Sends.send(bob, alice, "l-1", "hi");
        act(alice, bob, "e-3", "edit", typo, "hello!");
        assertEquals("hello!", message(chat, typo).getString("body"));
        assertEquals("hi", preview(alice, chat), "an edit of an older message leaves the newer preview");
        assertEquals(later, cassandra.execute("SELECT last_message_id FROM user_inbox WHERE user_id = ? AND chat_id = ?",
                bob, chat).one().getUuid("last_message_id"));
    }

    @Test
    void aDeletionRemovesTheBodyReactionsAndUnreceivedCopiesAndEndsEveryOtherAction() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        device(bob, "phone");
        UUID oops = Sends.send(alice, bob, "o-1", "wrong chat, sorry");
        UUID chat = ChatIds.direct(alice, bob);
        act(bob, alice, "r-1", "react", oops, "😂");

        send(bob, Map.of("recipientId", alice, "clientMessageId", "d-1", "action", "delete", "target", oops))
                .statusCode(403).body("code", equalTo("not_allowed"));
        UUID deletion = act(alice, bob, "d-2", "delete", oops, null);

        Row row = message(chat, oops);
        assertNull(row.getString("body"), "the body is gone from the message row");
        assertNotNull(row.getInstant("deleted_at"));
        assertTrue(row.getMap("reactions", UUID.class, String.class).isEmpty());
        List<Row> pending = cassandra.execute("SELECT message_id, kind, body FROM pending_messages"
                + " WHERE user_id = ? AND device_id = 'phone'", bob).all();
        assertEquals(List.of(deletion), pending.stream().map(r -> r.getUuid("message_id")).toList(),
                "bob's device gets the deletion, not the deleted text");
        assertNull(pending.get(0).getString("body"));
        assertEquals(Previews.DELETED, preview(bob, chat));

        send(alice, Map.of("recipientId", bob, "clientMessageId", "e-1", "action", "edit", "target", oops, "body", "x"))
                .statusCode(403).body("code", equalTo("not_allowed"));
        send(bob, Map.of("recipientId", alice, "clientMessageId", "r-2", "action", "react", "target", oops, "body", "👍"))
                .statusCode(403).body("code", equalTo("not_allowed"));
        send(bob, Map.of("recipientId", alice, "clientMessageId", "q-1", "body", "what?", "replyTo", oops))
                .statusCode(403).body("code", equalTo("not_allowed"));
    }

    @Test
    void anAcknowledgedActionLeavesItsPendingRowAndMarksNoMessage() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        device(alice, "phone");
        UUID hello = Sends.send(alice, bob, "h-1", "hello");
        UUID reaction = act(bob, alice, "r-1", "react", hello, "👍");
        UUID chat = ChatIds.direct(alice, bob);

        gateway().contentType(ContentType.JSON).body(Map.of("userId", alice, "deviceId", "phone", "chatId", chat,
                "senderId", bob, "messageIds", List.of(reaction), "pushedHere", true))
                .post("/internal/v1/receipts/delivered").then().statusCode(200);

        assertTrue(cassandra.execute("SELECT message_id FROM pending_messages WHERE user_id = ? AND device_id = 'phone'",
                alice).all().isEmpty());
        assertEquals(1, cassandra.execute("SELECT message_id FROM messages WHERE chat_id = ? AND bucket = ?",
                chat, MessageBuckets.bucketOf(chat, hello)).all().size(), "no row was made for the action's id");
    }

    @Test
    void inAGroupAnAdminDeletesAnyMessageAMemberOnlyTheirOwnAndOutsidersNothing() {
        UUID ann = TestUsers.registered();
        UUID ben = TestUsers.registered();
        UUID cid = TestUsers.registered();
        UUID group = createGroup(ann, List.of(ben, cid));
        UUID bens = groupSend(ben, group, "b-1", "spam");
        UUID cids = groupSend(cid, group, "c-1", "fine");

        groupAct(cid, group, "d-1", "delete", bens, null).statusCode(403).body("code", equalTo("not_allowed"));
        groupAct(ann, group, "d-2", "delete", bens, null).statusCode(201);
        groupAct(TestUsers.registered(), group, "r-1", "react", cids, "👍").statusCode(404).body("code", equalTo("not_a_member"));
        groupAct(ben, group, "r-2", "react", cids, "👍").statusCode(201);

        assertNotNull(message(group, bens).getInstant("deleted_at"));
        assertEquals(Map.of(ben, "👍"), reactions(group, cids));
        List<Row> annsRows = cassandra.execute("SELECT kind, target_id FROM pending_messages WHERE user_id = ? AND device_id = ''",
                ann).all();
        assertTrue(annsRows.stream().anyMatch(r -> "react".equals(r.getString("kind")) && cids.equals(r.getUuid("target_id"))),
                "every member gets the group's actions");
    }

    private UUID act(UUID actor, UUID peer, String clientId, String action, UUID target, String body) {
        return UUID.fromString(action(actor, "recipientId", peer, clientId, action, target, body).statusCode(201).extract()
                .path("messageId"));
    }

    private ValidatableResponse groupAct(UUID actor, UUID group, String clientId, String action, UUID target, String body) {
        return action(actor, "groupId", group, clientId, action, target, body);
    }

    /** An action in the chat that {@code chatField} ({@code recipientId} or {@code groupId}) names; no body when null. */
    private static ValidatableResponse action(UUID actor, String chatField, UUID chat, String clientId, String action,
            UUID target, String body) {
        Map<String, Object> request = new HashMap<>(Map.of(chatField, chat, "clientMessageId", clientId, "action", action,
                "target", target));
        if (body != null) {
            request.put("body", body);
        }
        return send(actor, request);
    }

    private UUID groupSend(UUID from, UUID group, String clientId, String body) {
        return UUID.fromString(send(from, Map.of("groupId", group, "clientMessageId", clientId, "body", body))
                .statusCode(201).extract().path("messageId"));
    }

    private static ValidatableResponse send(UUID sender, Map<String, Object> fields) {
        Map<String, Object> request = new HashMap<>(fields);
        request.put("senderId", sender);
        request.put("senderDeviceId", "phone");
        return gateway().contentType(ContentType.JSON).body(request).post("/internal/v1/messages").then();
    }

    private Row message(UUID chat, UUID id) {
        return cassandra.execute("SELECT * FROM messages WHERE chat_id = ? AND bucket = ? AND message_id = ?",
                chat, MessageBuckets.bucketOf(chat, id), id).one();
    }

    private Map<UUID, String> reactions(UUID chat, UUID id) {
        return message(chat, id).getMap("reactions", UUID.class, String.class);
    }

    private String preview(UUID user, UUID chat) {
        return cassandra.execute("SELECT last_message_preview FROM user_inbox WHERE user_id = ? AND chat_id = ?", user, chat)
                .one().getString("last_message_preview");
    }

    private UUID createGroup(UUID creator, List<UUID> members) {
        return UUID.fromString(given().auth().oauth2(servers.tokens().mint(creator, "phone", Duration.ofHours(1)))
                .contentType(ContentType.JSON).body(Map.of("name", "group", "memberIds", members)).post("/v1/groups")
                .then().statusCode(201).extract().path("groupId"));
    }

    private static void device(UUID user, String device) {
        gateway().post("/internal/v1/devices/" + user + "/" + device + "/pending").then().statusCode(200);
    }
}
