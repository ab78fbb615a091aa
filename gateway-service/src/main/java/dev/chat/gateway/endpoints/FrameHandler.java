package dev.chat.gateway.endpoints;

import dev.chat.common.errors.Refusal;
import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.SeenRequest;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.SendResponse;
import dev.chat.common.internal.TypingRequest;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.common.protocol.ServerFrames;
import dev.chat.gateway.messaging.OperationBatcher;
import dev.chat.gateway.messaging.ProposedMessageIds;
import dev.chat.gateway.messaging.SendOutcome;
import dev.chat.gateway.messaging.SendShed;
import dev.chat.gateway.protocol.ClientFrame;
import dev.chat.gateway.protocol.FrameWriter;
import dev.chat.gateway.sessions.ClientIdDigest;
import dev.chat.gateway.sessions.ClientSession;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Acts on a parsed client frame as the socket's authenticated user and device, never as anyone a
 * field names. Every refusal is an error frame; the socket stays open.
 */
@ApplicationScoped
public class FrameHandler {

    private static final Logger LOG = Logger.getLogger(FrameHandler.class);

    private final OperationBatcher messages;
    private final ProposedMessageIds proposedIds;
    private final FrameWriter frames;
    private final Counter sent;
    private final Counter refused;

    public FrameHandler(OperationBatcher messages, ProposedMessageIds proposedIds, FrameWriter frames,
            MeterRegistry registry) {
        this.messages = messages;
        this.proposedIds = proposedIds;
        this.frames = frames;
        this.sent = Counter.builder("gateway.sends").tag("outcome", "acked").register(registry);
        this.refused = Counter.builder("gateway.sends").tag("outcome", "failed").register(registry);
    }

    public void handle(ClientSession session, ClientFrame frame) {
        if (frame instanceof ClientFrame.Send send) {
            send(session, send);
        } else if (frame instanceof ClientFrame.Delivered delivered) {
            boolean pushedHere = session.acknowledge(delivered.chatId(), delivered.messageIds());
            messages.delivered(new DeliveredRequest(session.userId(), session.deviceId(), delivered.chatId(),
                    delivered.from(), delivered.messageIds(), pushedHere))
                    .subscribe().with(ok -> { }, failure -> error(session, failure, null));
        } else if (frame instanceof ClientFrame.Seen seen) {
            messages.seen(new SeenRequest(session.userId(), seen.chatId(), seen.upTo()))
                    .subscribe().with(ok -> { }, failure -> error(session, failure, null));
        } else if (frame instanceof ClientFrame.Typing typing) {
            if (typing.to().equals(session.userId())) {
                refuse(session, new ServerFrames.Error(ErrorCode.SELF_CHAT, "typing to oneself", null));
                return;
            }
            // A refused signal (blocked, no shared chat) is answered; one that failed is dropped: typing is not retried.
            messages.typing(new TypingRequest(session.userId(), typing.to())).subscribe().with(ok -> { }, failure -> {
                if (failure instanceof Refusal) {
                    error(session, failure, null);
                } else {
                    LOG.debugf("typing dropped: %s", failure.getMessage());
                }
            });
        } else if (frame instanceof ClientFrame.Ping) {
            reply(session, new ServerFrames.Pong());
        }
    }

    private void send(ClientSession session, ClientFrame.Send send) {
        if (send.to() != null && send.to().equals(session.userId())) {
            refuse(session, new ServerFrames.Error(ErrorCode.SELF_CHAT, "a chat needs two different users", send.id()));
            return;
        }
        session.enqueueSend(send, together -> sendTogether(session, together));
    }

    /**
     * The socket's sends that queued up while its previous ones were in flight, in their order
     * ({@link OperationBatcher#sendInOrder}); each is answered with its own ack or error frame, in
     * their order. A send the socket has acked already is answered from memory.
     */
    private Uni<Void> sendTogether(ClientSession session, List<ClientFrame.Send> sends) {
        ClientIdDigest[] ids = new ClientIdDigest[sends.size()];
        ClientSession.Acked[] earlier = new ClientSession.Acked[sends.size()];
        List<SendRequest> requests = new ArrayList<>(sends.size());
        for (int i = 0; i < sends.size(); i++) {
            ClientFrame.Send send = sends.get(i);
            ids[i] = ClientIdDigest.of(send.id());
            earlier[i] = session.acked(ids[i]);
            if (earlier[i] == null) {
                requests.add(new SendRequest(session.userId(), session.deviceId(), send.to(), send.group(), send.id(),
                        send.body(), send.resend(), proposedIds.forAttempt(session.userId(), send.id()), send.replyTo(),
                        send.action() == null ? null : send.action().wire(), send.target(), send.attachment()));
            }
        }
        return messages.sendInOrder(requests).invoke(outcomes -> {
            int next = 0;
            for (int i = 0; i < sends.size(); i++) {
                ClientFrame.Send send = sends.get(i);
                if (earlier[i] != null && earlier[i].fingerprint() == send.fingerprint()) { // sent again on the socket that got its ack
                    ack(session, send.id(), earlier[i].stored());
                } else if (earlier[i] != null) {
                    refused.increment();
                    refuse(session, new ServerFrames.Error(ErrorCode.ID_REUSED, ID_REUSED_MESSAGE, send.id()));
                } else {
                    answer(session, send, ids[i], outcomes.get(next++));
                }
            }
        }).replaceWithVoid();
    }

    private void answer(ClientSession session, ClientFrame.Send send, ClientIdDigest id, SendOutcome outcome) {
        if (outcome.failure() == null) {
            sent.increment();
            proposedIds.settled(session.userId(), send.id());
            session.rememberAck(id, outcome.stored(), send.fingerprint());
            ack(session, send.id(), outcome.stored());
            return;
        }
        refused.increment();
        if (isRefusal(outcome.failure())) {
            proposedIds.settled(session.userId(), send.id()); // nothing was stored: the id may be used anew
        }
        error(session, outcome.failure(), send.id());
    }

    private void ack(ClientSession session, String clientId, SendResponse stored) {
        reply(session, new ServerFrames.Ack(clientId, stored.messageId(), stored.chatId(), stored.sentAt()));
    }

    private static final String ID_REUSED_MESSAGE =
            "this send id was used for another message; give every new message an id of its own";

    /**
     * message-service refused the operation (a 4xx, or the whole batch refused): unlike a failure,
     * nothing of it was done.
     */
    private static boolean isRefusal(Throwable failure) {
        return failure instanceof Refusal || failure instanceof WebApplicationException e && e.getResponse().getStatus() < 500;
    }

    /**
     * The error frame for a failed operation: a refusal with message-service's code and detail
     * (written for clients; {@code invalid_field} when it has no code), a whole batch refused as
     * not valid, anything else {@code unavailable} (send the same frame again).
     */
    private void error(ClientSession session, Throwable failure, String clientId) {
        if (failure instanceof Refusal refused) {
            ErrorCode code = refused.code() != null ? refused.code() : ErrorCode.INVALID_FIELD;
            refuse(session, new ServerFrames.Error(code, refused.getMessage(), clientId));
        } else if (isRefusal(failure)) {
            // A client library's message names classes: never shown.
            refuse(session, new ServerFrames.Error(ErrorCode.INVALID_FIELD, "refused: the frame was not valid", clientId));
        } else {
            if (!(failure instanceof SendShed)) { // shed under overload: counted, not logged once per send
                LOG.warnf("message-service call failed: %s", failure.toString());
            }
            reply(session, new ServerFrames.Error(ErrorCode.UNAVAILABLE,
                    "could not be completed now; send the same frame again", clientId));
        }
    }

    /**
     * Answers a frame refused for what it holds (not for a failure of ours): each counts toward the
     * abuse limit, past which the socket is closed with 1008 (docs/protocol.md).
     */
    void refuse(ClientSession session, ServerFrames.Error error) {
        reply(session, error);
        if (session.strikeRefusedFrame()) {
            session.close(new CloseReason(1008, "too many refused frames"));
        }
    }

    void reply(ClientSession session, Object frame) {
        session.reply(frames.write(frame));
    }
}
