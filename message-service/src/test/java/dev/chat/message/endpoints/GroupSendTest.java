package dev.chat.message.endpoints;

import static dev.chat.message.support.Gateway.gateway;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.Topics;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.common.ids.TimeUuids;
import dev.chat.message.support.TestUsers;
import dev.chat.message.support.TopicReader;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Group messages through the internal API, as the gateway sends them. */
@QuarkusTest
class GroupSendTest {

    @Inject
    QuarkusCqlSession cassandra;

    @Inject
    ObjectMapper json;

    @InjectTestServers
    TestServers servers;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aGroupMessageIsStoredOnceAndReachesEveryMembersInboxDevicesAndTheEvent() throws Exception {
        UUID ann = TestUsers.registered();
        UUID ben = TestUsers.registered();
        UUID cid = TestUsers.registered();
        device(ann, "phone");
        device(ann, "laptop");
        device(ben, "phone");
        UUID group = createGroup(ann, List.of(ben, cid));

        UUID id = UUID.fromString(send(ann, "phone", group, "g-1", "hello group").statusCode(201)
                .body("chatId", equalTo(group.toString())).extract().path("messageId"));

        assertEquals(1, cassandra.execute("SELECT * FROM messages WHERE chat_id = ? AND bucket = ? AND message_id = ?",
                group, MessageBuckets.bucketOf(group, id), id).all().size());
        // A member's message writes no inbox row: inbox-service derives the group's line from the
        // messages after each member's read position, which joining placed before the creation.
        Set<UUID> bensUnread = unread(ben, group);
        assertEquals(1, bensUnread.size(), "the group's creation only");
        assertFalse(bensUnread.contains(id));
        assertEquals(TimeUuids.justBefore(bensUnread.iterator().next()), seenUpTo(ben, group));
        assertTrue(unread(ann, group).isEmpty(), "the creator's own creation is not unread");
        assertEquals("created the group \"group\"", inboxPreview(cid, group));
        assertTrue(pendingIds(ben, "phone").contains(id));
        assertTrue(pendingIds(cid, "").contains(id), "a member without devices gets it unclaimed");
        assertTrue(pendingIds(ann, "laptop").contains(id), "the sender's other device gets it");
        assertFalse(pendingIds(ann, "phone").contains(id), "the sending device has its ack");

        JsonNode event = json.readTree(TopicReader.first(kafka, Topics.MESSAGES, r -> r.value().contains(id.toString())).value());
        assertEquals(group.toString(), event.get("chatId").asText());
        assertTrue(event.get("group").asBoolean());
        assertEquals("phone", event.get("senderDeviceId").asText());
        List<String> recipients = new ArrayList<>();
        event.get("recipientIds").forEach(r -> recipients.add(r.asText()));
        assertEquals(Set.of(ann.toString(), ben.toString(), cid.toString()), Set.copyOf(recipients));
    }

    @Test
    void attemptsOfOneGroupSendInFlightTogetherAreStoredOnceUnderOneId() {
        UUID ann = TestUsers.registered();
        UUID ben = TestUsers.registered();
        UUID group = createGroup(ann, List.of(ben));
        Map<String, Object> first = Map.of("senderId", ann, "senderDeviceId", "phone", "groupId", group,
                "clientMessageId", "at-once", "body", "once");
        Map<String, Object> resend = new HashMap<>(first);
        resend.put("resend", true);

        List<String> ids = gateway().contentType(ContentType.JSON)
                .body(Map.of("operations", List.of(Map.of("send", first), Map.of("send", resend))))
                .post("/internal/v1/batches").then().statusCode(200)
                .body("results.status", contains(201, 200))
                .extract().path("results.sent.messageId");

        assertEquals(ids.get(0), ids.get(1), "the second attempt joins the first");
        assertEquals(2, cassandra.execute("SELECT * FROM messages WHERE chat_id = ? AND bucket = ?",
                group, MessageBuckets.bucketOf(group, UUID.fromString(ids.get(0)))).all().size(), "creation and the message");
    }

    @Test
    void sendsToAGroupInOneBatchReachItsMembersInTheOrderTheyWereSent() throws Exception {
        UUID ann = TestUsers.registered();
        UUID ben = TestUsers.registered();
        device(ben, "phone");
        UUID group = createGroup(ann, List.of(ben));
        List<Map<String, Object>> operations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // Sends are stored side by side: every third one is made slower than those after it
            // (a resend first reads for an earlier attempt, and a long body), yet none overtakes.
            boolean slower = i % 3 == 0;
            operations.add(Map.of("send", Map.of("senderId", ann, "senderDeviceId", "phone", "groupId", group,
                    "clientMessageId", "in-order-" + i, "resend", slower,
                    "body", slower ? "message " + i + " " + "x".repeat(3_000) : "message " + i)));
        }

        List<String> ids = gateway().contentType(ContentType.JSON).body(Map.of("operations", operations))
                .post("/internal/v1/batches").then().statusCode(200)
                .body("results.status", contains(201, 201, 201, 201, 201, 201))
                .extract().path("results.sent.messageId");

        List<String> published = new ArrayList<>();
        for (var record : TopicReader.matching(kafka, Topics.MESSAGES, r -> ids.stream().anyMatch(r.value()::contains), 6)) {
            published.add(json.readTree(record.value()).get("messageId").asText());
        }
        assertEquals(ids, published, "published in the order of the batch");
        assertEquals(ids.stream().map(UUID::fromString).toList(), pendingIds(ben, "phone").stream()
                .filter(id -> ids.contains(id.toString())).toList(), "and pending in that order");
    }

    @Test
    void aRetriedGroupSendIsAnsweredWithTheSameIdAndStoredOnce() {
        UUID ann = TestUsers.registered();
        UUID ben = TestUsers.registered();
        UUID group = createGroup(ann, List.of(ben));
        String first = send(ann, "phone", group, "again", "once").statusCode(201).extract().path("messageId");
        gateway().contentType(ContentType.JSON).body(Map.of("senderId", ann, "senderDeviceId", "phone", "groupId", group,
                "clientMessageId", "again", "body", "once", "resend", true)).post("/internal/v1/messages").then()
                .statusCode(200).body("messageId", equalTo(first)).body("duplicate", equalTo(true));
        assertEquals(1, pendingIds(ben, "").stream().filter(u -> u.toString().equals(first)).count());
        assertEquals(2, cassandra.execute("SELECT * FROM messages WHERE chat_id = ? AND bucket = ?",
                group, MessageBuckets.bucketOf(group, UUID.fromString(first))).all().size(), "creation and the message");
    }

    @Test
    void nonMembersAndRemovedMembersCannotSend() {
        UUID ann = TestUsers.registered();
        UUID ben = TestUsers.registered();
        UUID outsider = TestUsers.registered();
        UUID group = createGroup(ann, List.of(ben));
        send(outsider, "phone", group, "x-1", "let me in").statusCode(404).contentType("application/problem+json");
        send(ann, "phone", UUID.randomUUID(), "x-2", "nowhere").statusCode(404);

        given().auth().oauth2(token(ann)).delete("/v1/groups/" + group + "/members/" + ben).then().statusCode(204);
        send(ben, "phone", group, "x-3", "still here?").statusCode(404);
        gateway().contentType(ContentType.JSON).body(Map.of("senderId", ann, "senderDeviceId", "phone", "recipientId", ben,
                "groupId", group, "clientMessageId", "x-4", "body", "both")).post("/internal/v1/messages")
                .then().statusCode(400);
    }

    @Test
    void aMembersDeliveredAndSeenReceiptsClearItsPendingRowsAndUnreadCount() throws Exception {
        UUID ann = TestUsers.registered();
        UUID ben = TestUsers.registered();
        device(ben, "phone");
        UUID group = createGroup(ann, List.of(ben));
        UUID m1 = UUID.fromString(send(ann, "phone", group, "r-1", "one").statusCode(201).extract().path("messageId"));
        UUID m2 = UUID.fromString(send(ann, "phone", group, "r-2", "two").statusCode(201).extract().path("messageId"));

        gateway().contentType(ContentType.JSON).body(Map.of("userId", ben, "deviceId", "phone", "chatId", group,
                "senderId", ann, "messageIds", List.of(m1, m2))).post("/internal/v1/receipts/delivered")
                .then().statusCode(200).body("", contains(m1.toString(), m2.toString()));
        assertFalse(pendingIds(ben, "phone").contains(m1));
        assertEquals(m2, cassandra.execute("SELECT delivered_up_to FROM group_members WHERE group_id = ? AND user_id = ?",
                group, ben).one().getUuid("delivered_up_to"));

        JsonNode everyone = json.readTree(TopicReader.first(kafka, Topics.RECEIPTS,
                r -> r.key().equals(group.toString()) && r.value().contains("DELIVERED")).value());
        assertEquals(m2.toString(), everyone.get("upTo").asText(), "both members have everything up to m2");
        assertEquals(Set.of(ann.toString(), ben.toString()), Set.of(everyone.get("groupMembers").get(0).asText(),
                everyone.get("groupMembers").get(1).asText()));
        given().auth().oauth2(token(ann)).get("/v1/groups/" + group + "/messages/" + m1 + "/receipts").then()
                .statusCode(200).body("deliveredTo", contains(ben.toString())).body("seenBy", empty());

        gateway().contentType(ContentType.JSON).body(Map.of("userId", ben, "chatId", group, "upTo", m1))
                .post("/internal/v1/receipts/seen").then().statusCode(204);
        assertEquals(m1, seenUpTo(ben, group), "the read position the inbox counts unread messages from");
        given().auth().oauth2(token(ben)).get("/v1/groups/" + group + "/messages/" + m1 + "/receipts").then()
                .statusCode(200).body("senderId", equalTo(ann.toString())).body("seenBy", contains(ben.toString()));
        given().auth().oauth2(token(TestUsers.registered())).get("/v1/groups/" + group + "/messages/" + m1 + "/receipts")
                .then().statusCode(404);

        UUID outsider = TestUsers.registered();
        gateway().contentType(ContentType.JSON).body(Map.of("userId", outsider, "deviceId", "phone", "chatId", group,
                "senderId", ann, "messageIds", List.of(m1))).post("/internal/v1/receipts/delivered")
                .then().statusCode(404).body("code", equalTo("invalid_field"));
    }

    @Test
    void theDeliveredReceiptsOfABatchAreWrittenTogetherPerGroupEachWithItsOwnOutcomeAndAnnouncedOnce() throws Exception {
        UUID ann = TestUsers.registered();
        UUID ben = TestUsers.registered();
        UUID cid = TestUsers.registered();
        device(ben, "phone");
        device(cid, "phone");
        UUID group = createGroup(ann, List.of(ben, cid));
        UUID m1 = UUID.fromString(send(ann, "phone", group, "t-1", "one").statusCode(201).extract().path("messageId"));
        UUID m2 = UUID.fromString(send(ann, "phone", group, "t-2", "two").statusCode(201).extract().path("messageId"));
        UUID outsider = TestUsers.registered();

        gateway().contentType(ContentType.JSON).body(Map.of("operations", List.of(
                Map.of("delivered", delivered(ben, group, ann, List.of(m1, m2), false)),
                Map.of("delivered", delivered(outsider, group, ann, List.of(m1), true)),
                Map.of("delivered", delivered(cid, group, ann, List.of(m1), true)))))
                .post("/internal/v1/batches").then().statusCode(200)
                .body("results.status", contains(200, 404, 200))
                .body("results[0].delivered", contains(m1.toString(), m2.toString()))
                .body("results[2].delivered", contains(m1.toString()));

        assertEquals(List.of(), pendingIds(ben, "phone").stream().filter(id -> id.equals(m1) || id.equals(m2)).toList());
        assertEquals(List.of(m2), pendingIds(cid, "phone").stream().filter(id -> id.equals(m1) || id.equals(m2)).toList());
        assertEquals(m2, position(group, ben));
        assertEquals(m1, position(group, cid));

        // cid's receipt of m2 moves the group to m2: every announcement of the group comes before that one.
        gateway().contentType(ContentType.JSON).body(delivered(cid, group, ann, List.of(m2), true))
                .post("/internal/v1/receipts/delivered").then().statusCode(200);
        List<String> announced = new ArrayList<>();
        TopicReader.first(kafka, Topics.RECEIPTS, r -> {
            if (!r.key().equals(group.toString()) || !r.value().contains("DELIVERED")) {
                return false;
            }
            String upTo = upTo(r.value());
            announced.add(upTo);
            return upTo.equals(m2.toString());
        });
        assertEquals(List.of(m1.toString(), m2.toString()), announced, "the batch announced m1 once, then m2 came");
    }

    private String upTo(String receiptEvent) {
        try {
            return json.readTree(receiptEvent).get("upTo").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private UUID position(UUID group, UUID member) {
        return cassandra.execute("SELECT delivered_up_to FROM group_members WHERE group_id = ? AND user_id = ?",
                group, member).one().getUuid("delivered_up_to");
    }

    private static Map<String, Object> delivered(UUID user, UUID group, UUID sender, List<UUID> ids, boolean pushedHere) {
        return Map.of("userId", user, "deviceId", "phone", "chatId", group, "senderId", sender, "messageIds", ids,
                "pushedHere", pushedHere);
    }

    private ValidatableResponse send(UUID from, String device, UUID group, String clientId, String body) {
        return gateway().contentType(ContentType.JSON).body(Map.of("senderId", from, "senderDeviceId", device,
                "groupId", group, "clientMessageId", clientId, "body", body)).post("/internal/v1/messages").then();
    }

    private UUID createGroup(UUID creator, List<UUID> members) {
        return UUID.fromString(given().auth().oauth2(token(creator)).contentType(ContentType.JSON)
                .body(Map.of("name", "group", "memberIds", members)).post("/v1/groups").then().statusCode(201)
                .extract().path("groupId"));
    }

    private static void device(UUID user, String device) {
        gateway().post("/internal/v1/devices/" + user + "/" + device + "/pending").then().statusCode(200);
    }

    private String token(UUID user) {
        return servers.tokens().mint(user, "phone", Duration.ofHours(1));
    }

    private Set<UUID> unread(UUID user, UUID chat) {
        return cassandra.execute("SELECT unread_message_ids FROM user_inbox WHERE user_id = ? AND chat_id = ?", user, chat)
                .one().getSet("unread_message_ids", UUID.class);
    }

    private UUID seenUpTo(UUID user, UUID chat) {
        return cassandra.execute("SELECT seen_up_to FROM user_inbox WHERE user_id = ? AND chat_id = ?", user, chat)
                .one().getUuid("seen_up_to");
    }

    private String inboxPreview(UUID user, UUID chat) {
        return cassandra.execute("SELECT last_message_preview FROM user_inbox WHERE user_id = ? AND chat_id = ?", user, chat)
                .one().getString("last_message_preview");
    }

    private List<UUID> pendingIds(UUID user, String device) {
        List<UUID> ids = new ArrayList<>();
        cassandra.execute("SELECT message_id FROM pending_messages WHERE user_id = ? AND device_id = ?", user, device)
                .forEach(row -> ids.add(row.getUuid("message_id")));
        return ids;
    }
}
