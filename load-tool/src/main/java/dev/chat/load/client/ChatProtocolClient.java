package dev.chat.load.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import java.io.IOException;

/**
 * One device's socket in the chat backend's own protocol (docs/protocol.md). Frames received are
 * turned into {@link ChatClient.Listener} events on the socket's event loop; {@link #send} may be
 * called from any thread (Vert.x hands the write to the event loop, so one thread's sends leave in
 * the order it made them). {@link #connect} completes when the server has pushed this device's
 * pending messages and said {@code synced}: the socket is then authenticated and its route
 * registered. Received messages are acknowledged with {@code delivered} frames, gathered until
 * {@link #flushAcknowledgements}.
 */
public final class ChatProtocolClient extends WebSocketClientBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeliveredAcks deliveredAcks = new DeliveredAcks(this::sendFrame);
    private volatile boolean synced;

    public ChatProtocolClient(ChatUser user, int index, Listener listener) {
        super(user, index, listener);
    }

    @Override
    public boolean isSynced() {
        return synced;
    }

    /** Connects to {@code gatewayIndex}; completes with the {@code pending} count of {@code synced}. */
    @Override
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
                dispatch(frame, ready);
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

    private void dispatch(JsonNode frame, Promise<Integer> ready) {
        switch (frame.path("type").asText()) {
            case "synced" -> {
                synced = true;
                ready.tryComplete(frame.path("pending").asInt());
                listener.onReady(this);
            }
            case "message" -> listener.onMessage(this, new ReceivedMessage(frame.path("body").asText(),
                    frame.path("chatId").asText(), frame.path("from").asText(), frame.path("messageId").asText()));
            case "ack" -> listener.onAck(this, frame.path("id").asText(), frame.path("messageId").asText());
            case "reaction" -> listener.onReaction(this, frame.path("target").asText(), new ReceivedMessage(
                    frame.path("emoji").asText(), frame.path("chatId").asText(), frame.path("from").asText(),
                    frame.path("messageId").asText()));
            case "error" -> listener.onError(this, frame.path("id").asText(""), frame.path("code").asText("unknown"));
            default -> {
            }
        }
    }

    @Override
    public void send(String clientId, Recipient to, String body) {
        sendFrame(ChatFrames.send(clientId, to.kind() == Recipient.Kind.GROUP ? "group" : "to", to.id(), body));
    }

    @Override
    public void send(String clientId, Recipient to, String body, String attachmentJson) {
        sendFrame(ChatFrames.sendWithAttachment(clientId, to.kind() == Recipient.Kind.GROUP ? "group" : "to", to.id(), body,
                attachmentJson));
    }

    @Override
    public void react(String clientId, Recipient to, String messageId, String emoji) {
        sendFrame(ChatFrames.react(clientId, to.kind() == Recipient.Kind.GROUP ? "group" : "to", to.id(), messageId, emoji));
    }

    /** Writes one frame as it is. */
    public void sendFrame(String frame) {
        WebSocket s = socket;
        if (s != null && !s.isClosed()) {
            s.writeTextMessage(frame);
        }
    }

    @Override
    public boolean acknowledgesSends() {
        return true;
    }

    @Override
    public void acknowledge(ReceivedMessage message) {
        deliveredAcks.add(message.chatId(), message.from(), message.messageId());
    }

    @Override
    public void flushAcknowledgements() {
        deliveredAcks.flush();
    }

    @Override
    public Future<Void> close() {
        WebSocket s = socket;
        return s == null || s.isClosed() ? Future.succeededFuture() : s.close();
    }
}
