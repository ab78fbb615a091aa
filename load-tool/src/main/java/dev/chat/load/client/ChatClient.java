package dev.chat.load.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import java.io.IOException;

/**
 * One device's socket as the load tool drives it. Frames received go to the {@link Listener} on
 * the socket's event loop; {@link #send} may be called from any thread (Vert.x hands the write to
 * the event loop, so one thread's sends leave in the order it made them). {@link #connect}
 * completes when the server has pushed this device's pending messages and said {@code synced}:
 * the socket is then authenticated and its route registered.
 */
public final class ChatClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a workload does with the frames of a socket. */
    public interface Listener {
        void onFrame(ChatClient client, String type, JsonNode frame);

        default void onClosed(ChatClient client, int code) {
        }
    }

    private final ChatUser user;
    private final int index;
    private final Listener listener;
    private volatile WebSocket socket;
    private volatile int gateway = -1;
    private volatile boolean synced;

    public ChatClient(ChatUser user, int index, Listener listener) {
        this.user = user;
        this.index = index;
        this.listener = listener;
    }

    public ChatUser user() {
        return user;
    }

    /** The workload's number for this client. */
    public int index() {
        return index;
    }

    /** The gateway (0-based) this client last connected to. */
    public int gateway() {
        return gateway;
    }

    /** Whether the current (or last) connection got as far as {@code synced}. */
    public boolean isSynced() {
        return synced;
    }

    public boolean isOpen() {
        WebSocket s = socket;
        return s != null && !s.isClosed();
    }

    /** Connects to {@code gatewayIndex}; completes with the {@code pending} count of {@code synced}. */
    public Future<Integer> connect(Gateways gateways, int gatewayIndex) {
        Promise<Integer> ready = Promise.promise();
        gateway = gatewayIndex;
        synced = false;
        gateways.open(user, gatewayIndex).onFailure(ready::tryFail).onSuccess(ws -> {
            socket = ws;
            ws.textMessageHandler(text -> {
                JsonNode frame;
                try {
                    frame = JSON.readTree(text);
                } catch (IOException e) {
                    return;
                }
                String type = frame.path("type").asText();
                if ("synced".equals(type)) {
                    synced = true;
                    ready.tryComplete(frame.path("pending").asInt());
                }
                listener.onFrame(this, type, frame);
            });
            ws.closeHandler(ignored -> {
                Short code = ws.closeStatusCode();
                ready.tryFail("closed before synced (" + code + ")");
                listener.onClosed(this, code == null ? 1006 : code);
            });
            ws.exceptionHandler(ready::tryFail);
        });
        return ready.future();
    }

    public void send(String frame) {
        WebSocket s = socket;
        if (s != null && !s.isClosed()) {
            s.writeTextMessage(frame);
        }
    }

    public Future<Void> close() {
        WebSocket s = socket;
        return s == null || s.isClosed() ? Future.succeededFuture() : s.close();
    }
}
