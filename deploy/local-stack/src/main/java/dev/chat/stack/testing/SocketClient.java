package dev.chat.stack.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of the gateway's socket for tests: connects with a token, sends JSON frames, and
 * collects every frame received (plus the close code) for assertions.
 */
public final class SocketClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> frames;
    private final CompletableFuture<Integer> closed;

    private SocketClient(WebSocket socket, LinkedBlockingQueue<JsonNode> frames, CompletableFuture<Integer> closed) {
        this.socket = socket;
        this.frames = frames;
        this.closed = closed;
    }

    /** Connects to {@code wsUrl} with the token in the Authorization header (none when null). */
    public static SocketClient connect(String wsUrl, String token) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        return open(token == null ? builder : builder.header("Authorization", "Bearer " + token), wsUrl);
    }

    /** The handshake's HTTP status when it is refused, or 101 when it succeeds. */
    public static int handshakeStatus(String wsUrl, String authorization) {
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        try {
            open(builder, wsUrl).close();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.net.http.WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
    }

    private static SocketClient open(WebSocket.Builder builder, String url) {
        LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        frames.add(JSON.readTree(text.toString()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(-1);
            }
        };
        WebSocket socket = builder.connectTimeout(Duration.ofSeconds(5)).buildAsync(URI.create(url), listener).join();
        return new SocketClient(socket, frames, closed);
    }

    public void send(Object frame) {
        try {
            sendText(JSON.writeValueAsString(frame));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void sendText(String text) {
        socket.sendText(text, true).join();
    }

    public void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /** The next frame received, waiting up to {@code timeout}; fails if none comes. */
    public JsonNode next(Duration timeout) {
        try {
            JsonNode frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + timeout);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame of {@code type}, skipping others; fails if none comes within {@code timeout}. */
    public JsonNode next(String type, Duration timeout) {
        return next(frame -> type.equals(frame.path("type").asText()), timeout);
    }

    /** The next frame matching, skipping others. */
    public JsonNode next(Predicate<JsonNode> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no matching frame within " + timeout);
            }
            JsonNode frame = next(Duration.ofNanos(left));
            if (matching.test(frame)) {
                return frame;
            }
        }
    }

    /** Every frame received so far and not yet taken. */
    public List<JsonNode> drain() {
        List<JsonNode> all = new ArrayList<>();
        frames.drainTo(all);
        return all;
    }

    /** The close code the server sent, waiting up to {@code timeout}. */
    public int closeCode(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the socket was not closed within " + timeout);
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }
}
