package dev.chat.gateway.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.gateway.support.Sockets;
import dev.chat.stack.testing.BadJson;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.SocketClient;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated frames, each wrong in some way ({@link BadJson}: broken or trailing JSON,
 * fields of the wrong type, missing or named twice, oversized or odd text, deep nesting): each is
 * answered only with documented frames and error codes, no answer names a Java class, every
 * socket stays open (a ping after each frame is answered), and the gateway serves afterwards.
 */
@QuarkusTest
class FrameFuzzTest {

    private static final long SEED = 20261204L;
    private static final int FRAMES = 2400;
    /** Each frame is followed by a ping: 2 × 40 frames stay within a socket's burst of 100. */
    private static final int FRAMES_PER_SOCKET = 40;
    private static final Set<String> DOCUMENTED_TYPES =
            Set.of("ack", "delivered", "error", "message", "pong", "seen", "synced", "typing");
    private static final Set<String> DOCUMENTED_CODES =
            Arrays.stream(ErrorCode.values()).map(ErrorCode::wire).collect(Collectors.toSet());

    @InjectTestServers
    TestServers servers;

    @Test
    void generatedBadFramesGetOnlyDocumentedAnswersAndEverySocketStaysOpen() {
        Generator generator = new Generator(new Random(SEED));
        int errors = 0;
        for (int sent = 0; sent < FRAMES; sent += FRAMES_PER_SOCKET) {
            try (SocketClient socket = Sockets.connect(servers, UUID.randomUUID(), "phone")) {
                for (int i = 0; i < FRAMES_PER_SOCKET; i++) {
                    String frame = generator.next();
                    socket.sendText(frame);
                    socket.send(Map.of("type", "ping"));
                    errors += readUntilPong(socket, frame);
                }
            }
        }
        assertTrue(errors > FRAMES / 2, "most generated frames are wrong, yet only " + errors + " errors came back");
        try (SocketClient socket = Sockets.connect(servers, UUID.randomUUID(), "phone")) {
            socket.send(Map.of("type", "send", "id", "after-fuzz", "to", UUID.randomUUID().toString(), "body", "still here"));
            assertEquals("after-fuzz", socket.next("ack", Sockets.WAIT).get("id").asText());
        }
    }

    /** Reads up to the pong that follows {@code frame}; answers how many error frames came on the way. */
    private static int readUntilPong(SocketClient socket, String frame) {
        int errors = 0;
        while (true) {
            JsonNode answer = socket.next(Sockets.WAIT);
            String type = answer.path("type").asText();
            assertTrue(DOCUMENTED_TYPES.contains(type), "undocumented frame " + answer + " after " + abbreviate(frame));
            if (type.equals("error")) {
                errors++;
                String code = answer.path("code").asText();
                assertTrue(DOCUMENTED_CODES.contains(code), "undocumented code " + answer + " after " + abbreviate(frame));
                String message = answer.path("message").asText();
                assertFalse(message.isBlank(), "an error without a message after " + abbreviate(frame));
                assertFalse(message.matches("(?s).*(dev\\.chat|java\\.|jakarta\\.|Exception|com\\.fasterxml).*"),
                        "the error names internals: " + message);
            }
            if (type.equals("pong")) {
                return errors;
            }
        }
    }

    private static String abbreviate(String frame) {
        return frame.length() <= 200 ? frame : frame.substring(0, 200) + "…(" + frame.length() + " chars)";
    }

    /** Frames of the protocol's five kinds, each damaged one way ({@link BadJson}). */
    private static final class Generator {

        private final Random random;
        private final BadJson bad;

        Generator(Random random) {
            this.random = random;
            this.bad = new BadJson(random);
        }

        String next() {
            String to = q(bad.uuid());
            String valid = switch (random.nextInt(6)) {
                case 0 -> obj("type", q("send"), "id", q("f-" + random.nextInt(1000)), "to", to, "body", q("hi"));
                case 1 -> obj("type", q("send"), "id", q("f-" + random.nextInt(1000)), "group", to, "body", q("hi"));
                case 2 -> obj("type", q("delivered"), "chatId", q(bad.uuid()), "from", to, "messageIds", "[" + q(bad.uuid()) + "]");
                case 3 -> obj("type", q("seen"), "chatId", q(bad.uuid()), "upTo", q(bad.uuid()));
                case 4 -> obj("type", q("typing"), "to", to);
                default -> obj("type", q("ping"));
            };
            return bad.damage(valid);
        }

        private static String q(String text) {
            return "\"" + text + "\"";
        }

        private static String obj(String... keysAndValues) {
            StringBuilder json = new StringBuilder("{");
            for (int i = 0; i < keysAndValues.length; i += 2) {
                json.append(i == 0 ? "" : ",").append('"').append(keysAndValues[i]).append("\":").append(keysAndValues[i + 1]);
            }
            return json.append('}').toString();
        }
    }
}
