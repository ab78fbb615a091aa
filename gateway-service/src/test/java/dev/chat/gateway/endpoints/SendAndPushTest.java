package dev.chat.gateway.endpoints;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.common.protocol.Limits;
import dev.chat.gateway.sessions.ClientSession;
import dev.chat.gateway.support.MessageServiceStub;
import dev.chat.gateway.support.Sockets;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.InternalApi;
import dev.chat.stack.testing.SocketClient;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SendAndPushTest {

    @InjectTestServers
    TestServers servers;

    @Test
    void aSendIsAckedAndGoesOnAsTheTokensUserAndDeviceWhateverTheFrameClaims() {
        UUID me = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (SocketClient socket = Sockets.connect(servers, me, "tablet")) {
            socket.send(Map.of("type", "send", "id", "c-1", "to", other, "body", "hi", "from", UUID.randomUUID()));
            JsonNode ack = socket.next("ack", Sockets.WAIT);
            assertEquals("c-1", ack.get("id").asText());
            assertEquals(1, ack.get("messageId").asText().charAt(14) - '0', "a time-based message id");
        }
        JsonNode request = MessageServiceStub.requestsTo("/messages").stream()
                .filter(r -> r.get("clientMessageId").asText().equals("c-1") && r.get("recipientId").asText().equals(other.toString()))
                .findFirst().orElseThrow();
        assertEquals(me.toString(), request.get("senderId").asText());
        assertEquals("tablet", request.get("senderDeviceId").asText());
    }

    @Test
    void aSendRepeatedOnTheSocketThatGotItsAckIsAnsweredFromMemoryAnotherMessageUnderItsIdIsRefusedAndAResendIsMarkedAsSuch() {
        UUID me = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (SocketClient socket = Sockets.connect(servers, me, "phone")) {
            socket.send(Map.of("type", "send", "id", "once", "to", other, "body", "hi"));
            String first = socket.next("ack", Sockets.WAIT).get("messageId").asText();
            socket.send(Map.of("type", "send", "id", "once", "to", other, "body", "hi"));
            assertEquals(first, socket.next("ack", Sockets.WAIT).get("messageId").asText());
            for (Map<String, Object> another : List.<Map<String, Object>>of(
                    Map.of("type", "send", "id", "once", "to", other, "body", "another message"),
                    Map.of("type", "send", "id", "once", "to", UUID.randomUUID(), "body", "hi"))) {
                socket.send(another); // another message under the acked id: refused, not answered with the old ack
                JsonNode refused = socket.next(Sockets.WAIT);
                assertEquals("id_reused", refused.path("code").asText(), refused.toString());
                assertEquals("once", refused.path("id").asText());
            }
            String usedElsewhere = MessageServiceStub.REUSED_ID_PREFIX + "on-another-socket";
            socket.send(Map.of("type", "send", "id", usedElsewhere, "to", other, "body", "hi", "resend", true));
            JsonNode refused = socket.next(Sockets.WAIT);
            assertEquals("id_reused", refused.path("code").asText(), refused.toString());
            assertEquals(usedElsewhere, refused.path("id").asText());
            socket.send(Map.of("type", "send", "id", "lost-ack", "to", other, "body", "hi", "resend", true));
            socket.next("ack", Sockets.WAIT);
        }
        List<JsonNode> sends = MessageServiceStub.requestsTo("/messages").stream()
                .filter(r -> r.get("senderId").asText().equals(me.toString())).toList();
        assertEquals(List.of("once", MessageServiceStub.REUSED_ID_PREFIX + "on-another-socket", "lost-ack"), sends.stream().map(r -> r.get("clientMessageId").asText()).toList(),
                "the repeat never reached message-service");
        assertEquals(List.of(false, true, true), sends.stream().map(r -> r.get("resend").asBoolean()).toList());
    }

    @Test
    void aSocketsSendsReachMessageServiceAndAreAckedInTheOrderTheyWereSentWhateverWaitedTogether() {
        UUID me = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        UUID group = UUID.randomUUID();
        List<String> ids = List.of("o-0", "o-1", "o-2", "o-3", "o-4", "o-5", "o-6", "o-7");
        try (SocketClient socket = Sockets.connect(servers, me, "phone")) {
            for (int i = 0; i < ids.size(); i++) {
                socket.send(i % 3 == 2 ? Map.of("type", "send", "id", ids.get(i), "group", group, "body", "all")
                        : Map.of("type", "send", "id", ids.get(i), "to", other, "body", "one"));
            }
            List<String> acked = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                acked.add(socket.next("ack", Sockets.WAIT).get("id").asText());
            }
            assertEquals(ids, acked);
        }
        assertEquals(ids, MessageServiceStub.requestsTo("/messages").stream()
                .filter(r -> r.get("senderId").asText().equals(me.toString()))
                .map(r -> r.get("clientMessageId").asText()).toList());
    }

    @Test
    void framesHandedOffArePushedToEverySocketOfTheUser() {
        UUID user = UUID.randomUUID();
        try (SocketClient phone = Sockets.connect(servers, user, "phone");
                SocketClient laptop = Sockets.connect(servers, user, "laptop")) {
            Sockets.deliver(user, null, "{\"type\":\"typing\",\"chatId\":\"" + UUID.randomUUID() + "\"}");
            assertEquals("typing", phone.next(Sockets.WAIT).get("type").asText());
            assertEquals("typing", laptop.next(Sockets.WAIT).get("type").asText());
        }
    }

    @Test
    void aFrameForManyUsersReachesEachOfTheirSocketsExceptTheOneDeviceItExcepts() {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID messageId = MessageServiceStub.nextMessageId();
        try (SocketClient alicePhone = Sockets.connect(servers, alice, "phone");
                SocketClient aliceLaptop = Sockets.connect(servers, alice, "laptop");
                SocketClient bobPhone = Sockets.connect(servers, bob, "phone")) {
            String typing = "{\"type\":\"typing\",\"chatId\":\"" + UUID.randomUUID() + "\"}";
            int pushed = InternalApi.as("delivery-service").contentType(ContentType.JSON).body("{\"deliveries\":["
                    + "{\"userIds\":[\"" + alice + "\",\"" + bob + "\"],\"messageId\":\"" + messageId + "\",\"frame\":"
                    + Sockets.quoted(message(messageId)) + ",\"exceptUserId\":\"" + alice + "\",\"exceptDeviceId\":\"phone\"},"
                    + "{\"userIds\":[\"" + alice + "\"],\"frame\":" + Sockets.quoted(typing) + "}]}")
                    .post("/internal/v1/deliveries").then().statusCode(200).extract().<Integer>path("pushed");

            assertEquals(4, pushed, "the message to alice's laptop and bob's phone, the typing frame to both of alice's");
            assertEquals("typing", alicePhone.next(Sockets.WAIT).get("type").asText(), "the excepted device skipped the message");
            assertEquals(messageId.toString(), aliceLaptop.next(Sockets.WAIT).get("messageId").asText());
            assertEquals("typing", aliceLaptop.next(Sockets.WAIT).get("type").asText());
            assertEquals(messageId.toString(), bobPhone.next(Sockets.WAIT).get("messageId").asText(),
                    "another user's device of the same name is not excepted");
        }
    }

    @Test
    void liveMessagesDuringCatchUpFollowThePendingOnesAndNoneIsPushedTwice() {
        UUID user = UUID.randomUUID();
        UUID m1 = MessageServiceStub.nextMessageId();
        UUID m2 = MessageServiceStub.nextMessageId();
        UUID m3 = MessageServiceStub.nextMessageId();
        MessageServiceStub.pendingFor(user, MessageServiceStub.pageOf(m1, m2),
                Duration.ofSeconds(2));

        try (SocketClient socket = SocketClient.connect(Sockets.url(), servers.tokens().mint(user, "phone",
                Duration.ofHours(1)))) {
            org.awaitility.Awaitility.await().atMost(Sockets.WAIT).until(() ->
                    InternalApi.as("delivery-service").contentType(ContentType.JSON).body("{\"deliveries\":[{\"userIds\":[\"" + user + "\"],\"messageId\":\""
                            + m2 + "\",\"frame\":" + Sockets.quoted(message(m2)) + "},{\"userIds\":[\"" + user + "\"],\"messageId\":\""
                            + m3 + "\",\"frame\":" + Sockets.quoted(message(m3)) + "}]}")
                            .post("/internal/v1/deliveries").then().statusCode(200).extract().<Integer>path("pushed") == 2);

            List<String> order = List.of(socket.next(Sockets.WAIT), socket.next(Sockets.WAIT), socket.next(Sockets.WAIT),
                    socket.next(Sockets.WAIT)).stream()
                    .map(f -> f.get("type").asText() + (f.has("messageId") ? ":" + f.get("messageId").asText() : ""))
                    .collect(Collectors.toList());
            assertEquals(List.of("message:" + m1, "message:" + m2, "synced", "message:" + m3), order);
            socket.send(Map.of("type", "ping"));
            assertEquals("pong", socket.next(Sockets.WAIT).get("type").asText(), "nothing else was pushed");
        }
    }

    @Test
    void aPendingMessageHandedOffAgainAfterCatchUpIsNotPushedTwice() {
        UUID user = UUID.randomUUID();
        UUID m1 = MessageServiceStub.nextMessageId();
        UUID m2 = MessageServiceStub.nextMessageId();
        MessageServiceStub.pendingFor(user, MessageServiceStub.pageOf(m1), Duration.ZERO);

        try (SocketClient socket = SocketClient.connect(Sockets.url(), servers.tokens().mint(user, "phone",
                Duration.ofHours(1)))) {
            assertEquals(m1.toString(), socket.next("message", Sockets.WAIT).get("messageId").asText());
            socket.next("synced", Sockets.WAIT);
            Sockets.deliver(user, m1, message(m1));
            Sockets.deliver(user, m2, message(m2));

            assertEquals(m2.toString(), socket.next(Sockets.WAIT).get("messageId").asText(),
                    "the late live copy of m1 was dropped, the new m2 pushed");
            socket.send(Map.of("type", "ping"));
            assertEquals("pong", socket.next(Sockets.WAIT).get("type").asText(), "nothing else was pushed");
        }
    }


    @Test
    void aDeliveredForMessagesThisSocketPushedIsVouchedForAndAnyOtherIsNot() {
        UUID user = UUID.randomUUID();
        UUID sender = UUID.randomUUID();
        UUID chat = UUID.randomUUID();
        UUID m1 = MessageServiceStub.nextMessageId();
        UUID m2 = MessageServiceStub.nextMessageId();
        try (SocketClient socket = Sockets.connect(servers, user, "phone")) {
            Sockets.deliver(user, m1, chat, message(m1));
            Sockets.deliver(user, m2, chat, message(m2));
            socket.next("message", Sockets.WAIT);
            socket.next("message", Sockets.WAIT);

            socket.send(Map.of("type", "delivered", "chatId", chat, "from", sender, "messageIds", List.of(m1)));
            socket.send(Map.of("type", "delivered", "chatId", UUID.randomUUID(), "from", sender, "messageIds", List.of(m2)));
            socket.send(Map.of("type", "delivered", "chatId", chat, "from", sender,
                    "messageIds", List.of(m1, MessageServiceStub.nextMessageId())));
            socket.send(Map.of("type", "ping"));
            socket.next("pong", Sockets.WAIT);
        }
        List<Boolean> vouched = org.awaitility.Awaitility.await().atMost(Sockets.WAIT).until(() ->
                MessageServiceStub.requestsTo("/receipts/delivered").stream()
                        .filter(r -> r.get("userId").asText().equals(user.toString()))
                        .map(r -> r.get("pushedHere").asBoolean()).toList(), list -> list.size() == 3);
        assertEquals(List.of(true, false, false), vouched,
                "pushed here, of this chat; another chat's; one already acknowledged and one never pushed");
    }

    @Test
    void aSecondCopyOfAMessageIsDroppedBeforeAndAfterItsAcknowledgementUntilHundredsOfNewerOnesWereAcknowledged() {
        UUID user = UUID.randomUUID();
        UUID sender = UUID.randomUUID();
        UUID chat = UUID.randomUUID();
        UUID m = MessageServiceStub.nextMessageId();
        try (SocketClient socket = Sockets.connect(servers, user, "phone")) {
            Sockets.deliver(user, m, chat, message(m));
            assertEquals(m.toString(), socket.next("message", Sockets.WAIT).get("messageId").asText());

            Sockets.deliver(user, m, chat, message(m)); // published again by a resend
            assertCopyDropped(socket, "before the acknowledgement");

            socket.send(Map.of("type", "delivered", "chatId", chat, "from", sender, "messageIds", List.of(m)));
            Sockets.deliver(user, m, chat, message(m)); // handed off again by a retried hand-off
            assertCopyDropped(socket, "after the acknowledgement");

            List<UUID> newer = new ArrayList<>();
            for (int i = 0; i < ClientSession.MAX_ACKNOWLEDGED_REMEMBERED; i++) {
                newer.add(MessageServiceStub.nextMessageId());
            }
            Sockets.deliverAll(user, chat, newer, SendAndPushTest::message);
            for (UUID id : newer) {
                assertEquals(id.toString(), socket.next("message", Sockets.WAIT).get("messageId").asText());
            }
            for (int from = 0; from < newer.size(); from += Limits.MAX_IDS_PER_RECEIPT) {
                socket.send(Map.of("type", "delivered", "chatId", chat, "from", sender,
                        "messageIds", newer.subList(from, Math.min(newer.size(), from + Limits.MAX_IDS_PER_RECEIPT))));
            }
            socket.send(Map.of("type", "ping"));
            socket.next("pong", Sockets.WAIT);
            Sockets.deliver(user, m, chat, message(m));
            assertEquals(m.toString(), socket.next(Sockets.WAIT).get("messageId").asText(),
                    "beyond the acknowledgements remembered, a copy is pushed (clients de-duplicate by message id)");
        }
    }

    /** A ping answered with the next frame on the socket proves the copy handed off before it was not written. */
    private static void assertCopyDropped(SocketClient socket, String when) {
        socket.send(Map.of("type", "ping"));
        assertEquals("pong", socket.next(Sockets.WAIT).get("type").asText(), "the copy was dropped " + when);
    }

    @Test
    void aRefusedSendOrTypingIsAnsweredWithMessageServicesCodeAndDetail() {
        UUID user = UUID.randomUUID();
        UUID nobody = UUID.randomUUID();
        UUID blocker = UUID.randomUUID();
        MessageServiceStub.unregistered(nobody);
        MessageServiceStub.blocking(blocker);
        try (SocketClient socket = Sockets.connect(servers, user, "phone")) {
            socket.send(Map.of("type", "send", "id", "to-nobody", "to", nobody, "body", "hello?"));
            JsonNode unknown = socket.next("error", Sockets.WAIT);
            assertEquals("unknown_recipient", unknown.get("code").asText());
            assertEquals("no registered user", unknown.get("message").asText());
            assertEquals("to-nobody", unknown.get("id").asText());

            socket.send(Map.of("type", "typing", "to", blocker));
            JsonNode blocked = socket.next("error", Sockets.WAIT);
            assertEquals("blocked", blocked.get("code").asText());
            assertEquals("this user does not accept your messages", blocked.get("message").asText());
        }
    }

    private static String message(UUID id) {
        return "{\"type\":\"message\",\"messageId\":\"" + id + "\",\"body\":\"live\"}";
    }
}
