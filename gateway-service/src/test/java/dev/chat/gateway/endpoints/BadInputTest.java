package dev.chat.gateway.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.common.protocol.Limits;
import dev.chat.gateway.support.MessageServiceStub;
import dev.chat.gateway.support.Sockets;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.SocketClient;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BadInputTest {

    @InjectTestServers
    TestServers servers;

    @Test
    void everyKindOfBadFrameGetsItsErrorFrameAndTheSocketStaysUsable() {
        UUID me = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (SocketClient socket = Sockets.connect(servers, me, "phone")) {
            assertError(socket, "{not json", "bad_json", null);
            assertError(socket, "[1, 2]", "bad_json", null);
            assertError(socket, "{\"type\":\"ping\"}{\"type\":\"ping\"}", "bad_json", null); // one frame, one object
            assertError(socket, "{\"type\":\"ping\",\"type\":\"send\"}", "bad_json", null); // a field named twice
            assertError(socket, "{\"body\":\"no type\"}", "unknown_type", null);
            assertError(socket, "{\"type\":\"shout\"}", "unknown_type", null);
            assertError(socket, "{\"type\":\"send\",\"id\":\"c1\",\"body\":\"hi\"}", "invalid_field", "c1");
            assertError(socket, "{\"type\":\"send\",\"id\":\"c2\",\"to\":42,\"body\":\"hi\"}", "invalid_field", "c2");
            assertError(socket, "{\"type\":\"send\",\"id\":\"c3\",\"to\":\"" + other + "\",\"body\":7}", "invalid_field", "c3");
            assertError(socket, "{\"type\":\"send\",\"to\":\"" + other + "\",\"body\":\"no id\"}", "invalid_field", null);
            assertError(socket, "{\"type\":\"send\",\"id\":\"c4\",\"to\":\"" + other + "\",\"body\":\""
                    + "x".repeat(Limits.MAX_BODY_CHARS + 1) + "\"}", "too_large", "c4");
            assertError(socket, "{\"type\":\"send\",\"id\":\"c5\",\"to\":\"" + me + "\",\"body\":\"me\"}", "self_chat", "c5");
            assertError(socket, "{\"type\":\"delivered\",\"chatId\":\"" + UUID.randomUUID() + "\",\"from\":\"" + other
                    + "\",\"messageIds\":[\"" + UUID.randomUUID() + "\"]}", "invalid_field", null);
            socket.sendBinary(new byte[] {1, 2, 3});
            assertEquals("bad_json", socket.next("error", Sockets.WAIT).get("code").asText());
            socket.send(Map.of("type", "ping"));
            assertEquals("pong", socket.next(Sockets.WAIT).get("type").asText());
        }
        assertTrue(MessageServiceStub.requestsTo("/messages").stream()
                .noneMatch(r -> r.get("senderId").asText().equals(me.toString())), "nothing was sent on");
    }

    @Test
    void aBatchRefusedWholeByMessageServiceIsReportedWithoutNamingAnythingInternal() {
        UUID other = UUID.randomUUID();
        try (SocketClient socket = Sockets.connect(servers, UUID.randomUUID(), "phone")) {
            String id = MessageServiceStub.REFUSED_BATCH_ID_PREFIX + "1";
            socket.send(Map.of("type", "send", "id", id, "to", other.toString(), "body", "hi"));
            JsonNode error = socket.next("error", Sockets.WAIT);
            assertEquals("invalid_field", error.get("code").asText());
            assertEquals(id, error.get("id").asText());
            String message = error.get("message").asText();
            assertFalse(message.contains("dev.chat") || message.contains("REST Client") || message.contains("#")
                    || message.contains("Exception"), "the error names internals: " + message);
            socket.send(Map.of("type", "ping"));
            assertEquals("pong", socket.next(Sockets.WAIT).get("type").asText());
        }
    }

    @Test
    void aSendToAUserIdWithoutAnAccountGetsUnknownRecipientAndTheSocketStaysUsable() {
        UUID nobody = UUID.randomUUID();
        MessageServiceStub.unregistered(nobody);
        try (SocketClient socket = Sockets.connect(servers, UUID.randomUUID(), "phone")) {
            assertError(socket, "{\"type\":\"send\",\"id\":\"n1\",\"to\":\"" + nobody + "\",\"body\":\"hi\"}",
                    "unknown_recipient", "n1");
            socket.send(Map.of("type", "ping"));
            assertEquals("pong", socket.next(Sockets.WAIT).get("type").asText());
        }
    }

    @Test
    void aBurstOverTheRateLimitIsRefusedFrameByFrameAndTheSocketRecovers() {
        try (SocketClient socket = Sockets.connect(servers, UUID.randomUUID(), "phone")) {
            for (int i = 0; i < Limits.FRAME_BURST + 60; i++) {
                socket.sendText("{\"type\":\"ping\"}");
            }
            Awaitility.await().atMost(Sockets.WAIT).until(() -> socket.drain().stream()
                    .anyMatch(f -> "rate_limited".equals(f.path("code").asText())));
            Awaitility.await().pollDelay(Duration.ofSeconds(1)).atMost(Sockets.WAIT).untilAsserted(() -> {
                socket.drain();
                socket.sendText("{\"type\":\"ping\"}");
                assertEquals("pong", socket.next(Duration.ofSeconds(2)).get("type").asText());
            });
            assertFalse(socket.isClosed());
        }
    }

    @Test
    void aConnectionThatKeepsFloodingIsClosedWith1008() {
        try (SocketClient socket = Sockets.connect(servers, UUID.randomUUID(), "phone")) {
            for (int i = 0; i < 5000 && !socket.isClosed(); i++) {
                try {
                    socket.sendText("{\"type\":\"ping\"}");
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
            }
            assertEquals(1008, socket.closeCode(Sockets.WAIT));
        }
    }

    @Test
    void aConnectionThatKeepsSendingBadFramesIsClosedWith1008ThoughFewAreOverTheRate() {
        assertClosedForRefusals(me -> "{not json");
    }

    @Test
    void sendsRefusedForWhatTheyAskCountTowardTheCloseToo() {
        assertClosedForRefusals(me -> "{\"type\":\"send\",\"id\":\"s\",\"to\":\"" + me + "\",\"body\":\"me\"}"); // self_chat
    }

    /** Sends {@code frame} at the pace of its answers until the socket closes; asserts 1008, and not for the rate. */
    private void assertClosedForRefusals(Function<UUID, String> frame) {
        int rateLimited = 0;
        UUID me = UUID.randomUUID();
        try (SocketClient socket = Sockets.connect(servers, me, "phone")) {
            for (int i = 0; i < 1000 && !socket.isClosed(); i++) {
                try {
                    socket.sendText(frame.apply(me));
                } catch (RuntimeException closedMeanwhile) {
                    break;
                }
                JsonNode answer;
                try {
                    answer = socket.next("error", Duration.ofSeconds(2)); // one answer each: the frames go at the pace of their answers
                } catch (AssertionError noAnswerAfterTheClose) {
                    break;
                }
                rateLimited += "rate_limited".equals(answer.path("code").asText()) ? 1 : 0;
            }
            assertEquals(1008, socket.closeCode(Sockets.WAIT));
        }
        assertTrue(rateLimited < Limits.RATE_STRIKES_BEFORE_CLOSE, "refusals were not counted; rate_limited: " + rateLimited);
    }

    private static void assertError(SocketClient socket, String frame, String code, String clientId) {
        socket.sendText(frame);
        JsonNode error = socket.next(Sockets.WAIT);
        assertEquals("error", error.get("type").asText(), frame);
        assertEquals(code, error.get("code").asText(), error.toString());
        assertFalse(error.get("message").asText().isBlank());
        assertEquals(clientId, error.has("id") ? error.get("id").asText() : null, error.toString());
        List<JsonNode> extra = socket.drain();
        assertTrue(extra.isEmpty(), "one error per bad frame: " + extra);
    }
}
