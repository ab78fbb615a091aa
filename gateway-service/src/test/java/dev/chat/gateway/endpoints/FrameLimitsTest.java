package dev.chat.gateway.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.gateway.support.RawSocket;
import dev.chat.gateway.support.Sockets;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** RFC 6455 and the documented message limit, sent as no client library would (docs/protocol.md). */
@QuarkusTest
class FrameLimitsTest {

    private static final int LIMIT = 65536;

    @InjectTestServers
    TestServers servers;

    @Test
    void textThatIsNotUtf8ClosesTheSocketWith1007() throws IOException {
        try (RawSocket socket = open()) {
            socket.send(RawSocket.TEXT, concat(ascii("{\"type\":\"ping\",\"x\":\"a"), new byte[] {(byte) 0xC3, 0x28},
                    ascii("b\"}")), true);
            assertEquals(1007, socket.awaitCloseCode(Sockets.WAIT));
        }
    }

    @Test
    void aMessageInFragmentsIsServedEvenWithACharacterSplitBetweenThem() throws IOException {
        byte[] message = "{\"type\":\"ping\",\"x\":\"é€😀\"}".getBytes(StandardCharsets.UTF_8);
        int split = "{\"type\":\"ping\",\"x\":\"é".getBytes(StandardCharsets.UTF_8).length + 1; // inside the €
        try (RawSocket socket = open()) {
            socket.send(RawSocket.TEXT, Arrays.copyOfRange(message, 0, split), false);
            socket.send(RawSocket.CONTINUATION, Arrays.copyOfRange(message, split, message.length), true);
            assertPong(socket);
        }
    }

    @Test
    void aMessageOverTheLimitInOneFrameClosesTheSocketWith1009() throws IOException {
        try (RawSocket socket = open()) {
            socket.send(RawSocket.TEXT, ping(LIMIT + 1), true);
            assertEquals(1009, socket.awaitCloseCode(Sockets.WAIT));
        }
    }

    @Test
    void aMessageOverTheLimitInFragmentsClosesTheSocketWith1009() throws IOException {
        byte[] message = ping(LIMIT + 1);
        int third = message.length / 3;
        try (RawSocket socket = open()) {
            socket.send(RawSocket.TEXT, Arrays.copyOfRange(message, 0, third), false);
            socket.send(RawSocket.CONTINUATION, Arrays.copyOfRange(message, third, 2 * third), false);
            socket.send(RawSocket.CONTINUATION, Arrays.copyOfRange(message, 2 * third, message.length), true);
            assertEquals(1009, socket.awaitCloseCode(Sockets.WAIT));
        }
    }

    @Test
    void aMessageOfExactlyTheLimitIsServed() throws IOException {
        try (RawSocket socket = open()) {
            socket.send(RawSocket.TEXT, ping(LIMIT), true);
            assertPong(socket);
        }
    }

    @Test
    void compressedMessagesAreCheckedAfterInflatingNotRefusedForTheirCompressedBytes() throws Exception {
        try (RawSocket offered = RawSocket.open(ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class),
                servers.tokens().mint(UUID.randomUUID(), "phone", Duration.ofHours(1)),
                "Sec-WebSocket-Extensions: permessage-deflate\r\n")) {
            assertTrue(offered.handshake().toLowerCase().contains("permessage-deflate"), "the server does not compress, "
                    + "so this test proves nothing: " + offered.handshake());
        }
        Vertx vertx = Vertx.vertx();
        try {
            int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
            String token = servers.tokens().mint(UUID.randomUUID(), "phone", Duration.ofHours(1));
            WebSocket socket = vertx.createWebSocketClient(new WebSocketClientOptions()
                            .setTryUsePerMessageCompression(true))
                    .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws")
                            .addHeader("Authorization", "Bearer " + token))
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            CompletableFuture<String> pong = new CompletableFuture<>();
            socket.textMessageHandler(text -> {
                if (text.contains("\"pong\"")) {
                    pong.complete(text);
                }
            });
            socket.closeHandler(closed -> pong.completeExceptionally(new AssertionError("closed with " + socket.closeStatusCode())));
            socket.writeTextMessage("{\"type\":\"ping\",\"x\":\"" + "é€😀 ".repeat(2000) + "\"}");
            assertTrue(pong.get(10, TimeUnit.SECONDS).contains("pong"));
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** Reads past {@code synced} and the like to the pong. */
    private static void assertPong(RawSocket socket) throws IOException {
        String answer;
        do {
            answer = socket.nextText(Sockets.WAIT);
        } while (answer != null && !answer.contains("\"pong\""));
        assertTrue(answer != null, "the socket closed instead of answering the ping");
    }

    private RawSocket open() throws IOException {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return RawSocket.open(port, servers.tokens().mint(UUID.randomUUID(), "phone", Duration.ofHours(1)));
    }

    /** A ping frame padded with an ignored field to exactly {@code bytes} bytes. */
    private static byte[] ping(int bytes) {
        String head = "{\"type\":\"ping\",\"pad\":\"";
        String tail = "\"}";
        return (head + "x".repeat(bytes - head.length() - tail.length()) + tail).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
