package dev.chat.load.client;

import io.vertx.core.Future;

/**
 * One user's connection to the system under test, as the workloads drive it, whatever protocol it
 * speaks: the chat backend's own ({@link ChatProtocolClient}) or XMPP for a peer server
 * ({@link dev.chat.load.client.xmpp.XmppClient}). Events reach the {@link Listener} on the
 * connection's event loop; {@link #send} may be called from any thread, and one thread's sends
 * leave in the order it made them.
 */
public interface ChatClient {

    /** What a workload does with the events of a connection. Every method has a do-nothing default. */
    interface Listener {

        /** The connection is authenticated and ready to send and receive (the chat protocol's {@code synced}). */
        default void onReady(ChatClient client) {
        }

        /** A message for this user arrived. */
        default void onMessage(ChatClient client, ReceivedMessage message) {
        }

        /** The server took the send with this client id (stored, or at least received: see the implementation). */
        default void onAck(ChatClient client, String clientId) {
        }

        /** As {@link #onAck(ChatClient, String)}, with the id the server gave the message (where the protocol says). */
        default void onAck(ChatClient client, String clientId, String messageId) {
            onAck(client, clientId);
        }

        /** Someone reacted to message {@code target}; {@code reaction} is what the acknowledgement names. */
        default void onReaction(ChatClient client, String target, ReceivedMessage reaction) {
        }

        /** The server refused a send; {@code clientId} is empty when the refusal names none. */
        default void onError(ChatClient client, String clientId, String code) {
        }

        /** The socket closed, with its WebSocket close code (1006 when there was none). */
        default void onClosed(ChatClient client, int code) {
        }
    }

    ChatUser user();

    /** The workload's number for this client. */
    int index();

    /** The gateway (0-based) this client last connected to. */
    int gateway();

    /** Whether the current (or last) connection got as far as ready. */
    boolean isSynced();

    boolean isOpen();

    /**
     * Connects to {@code gatewayIndex}, authenticates and completes once the connection is ready,
     * with the number of messages the server said were waiting (0 where the protocol does not say).
     */
    Future<Integer> connect(Gateways gateways, int gatewayIndex);

    /** Sends {@code body} to {@code to}, under the client's own id {@code clientId} (acks and errors name it). */
    void send(String clientId, Recipient to, String body);

    /** As {@link #send(String, Recipient, String)}, carrying the attachment {@code attachmentJson} (its descriptor); chat protocol only. */
    default void send(String clientId, Recipient to, String body, String attachmentJson) {
        throw new UnsupportedOperationException("attachments are a feature of the chat protocol only");
    }

    /** Reacts with {@code emoji} to message {@code messageId} of the chat with {@code to}; only the chat protocol has reactions. */
    default void react(String clientId, Recipient to, String messageId, String emoji) {
        throw new UnsupportedOperationException("reactions are a feature of the chat protocol only");
    }

    /**
     * Whether sends are answered with {@link Listener#onAck}. Where they are not, a send counts as
     * taken when it is written, and there is no ack latency.
     */
    boolean acknowledgesSends();

    /** Notes that the user's device received {@code message}; the acknowledgement may wait for {@link #flushAcknowledgements}. */
    void acknowledge(ReceivedMessage message);

    /** Sends the acknowledgements gathered since the last flush. */
    void flushAcknowledgements();

    Future<Void> close();
}
