package dev.chat.gateway.sessions;

import dev.chat.common.internal.SendResponse;
import dev.chat.gateway.auth.AuthenticatedDevice;
import dev.chat.gateway.protocol.ClientFrame;
import dev.chat.support.collections.BoundedMaps;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One authenticated socket: what it may push, in which order, and the client's sends in flight.
 *
 * <p>Ordering guarantees: while the device's pending messages are being pushed (catch-up), live
 * frames are held back; when catch-up ends they follow, minus any message catch-up already pushed,
 * so nothing arriving during catch-up is missed and none is pushed twice on this socket. A live
 * frame of a message catch-up pushed can also arrive after catch-up has ended (its hand-off was
 * slower than the pending read); for {@link #CATCH_UP_MEMORY} after catch-up such frames are
 * dropped too. When catch-up fails ({@link #goLiveBeforeSync}), the socket
 * goes live at once and the catch-up is retried: until one succeeds, every message id written is
 * remembered (up to {@link #MAX_REMEMBERED}), and the retry pushes only the others
 * ({@link #pushLate}), so a message still reaches this socket once. A live frame of a message
 * this socket pushed and the device has not acknowledged yet (up to {@link #MAX_UNACKNOWLEDGED}), or
 * acknowledged among its last {@link #MAX_ACKNOWLEDGED_REMEMBERED}, is dropped too: a resend publishes
 * its message again, a retried hand-off can repeat one, and a delivery-service instance that
 * crashed or lost its partitions hands its uncommitted records off again. (So a socket sees a
 * message twice only when the device has acknowledged hundreds of newer ones since, or never
 * acknowledges and thousands came after it; clients de-duplicate by message id, docs/protocol.md.) A client's
 * sends are handed on in the order they arrived, and those that arrive while earlier ones are in
 * flight wait, then go on together once those completed ({@link #enqueueSend}), so one sender's
 * messages keep their order. Frames of one chat arrive from delivery-service in order and are written in order.
 */
public final class ClientSession {

    private static final Logger LOG = Logger.getLogger(ClientSession.class);
    /** Live frames held back during one catch-up before the socket is closed (1013) instead. */
    static final int MAX_HELD_BACK = 10_000;
    /** How long after catch-up the ids it pushed are remembered, to drop late live copies of them. */
    static final long CATCH_UP_MEMORY = java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
    /** Message ids remembered while live before a catch-up succeeded; beyond it a late catch-up may repeat some. */
    static final int MAX_REMEMBERED = 100_000;
    /** Pushed messages remembered until the device acknowledges them. */
    static final int MAX_UNACKNOWLEDGED = 2_000;
    /**
     * Acknowledged messages remembered, the latest ones, to drop a copy that comes again. A copy
     * comes seconds after the first (a hand-off retried after its timeout, the records of a
     * rebalanced partition handed off again), so a few hundred cover the rates one device sees.
     */
    public static final int MAX_ACKNOWLEDGED_REMEMBERED = 256;
    /**
     * The most of a socket's queued sends handed on together, in one batch of their lane. Safe to
     * be many: message-service stores a batch's sends to one group side by side and publishes
     * them in their order, so a burst to a group costs about as long as its slowest send, not the
     * sum (with one send after another, a burst of a few hundred outlasted the gateway's 5 s read
     * timeout on a cold system). The batch's body budget bounds a run of long messages.
     */
    static final int MAX_SENDS_TOGETHER = 64;
    /** Acked sends remembered per socket. */
    static final int MAX_ACKS_REMEMBERED = 256;

    private final WebSocketConnection connection;
    private final AuthenticatedDevice device;
    private final RateLimiter limiter = new RateLimiter();
    private final ArrayDeque<ClientFrame.Send> sends = new ArrayDeque<>(0);
    private boolean sending;
    private boolean live;
    private boolean synced;
    private List<Push> heldBack = new ArrayList<>();
    /** Ids pushed by catch-up (and, while live before a catch-up succeeded, every id pushed). */
    private Set<UUID> pushedOnce = new HashSet<>();
    private long forgetCatchUpAt;
    /** The last sends this socket acked, by client id: a send repeated on the socket is answered from here. */
    private final RecentAcks acks = new RecentAcks(MAX_ACKS_REMEMBERED);
    /** Messages this socket pushed and the device has not acknowledged yet: id → chat, oldest first. */
    private final Map<UUID, UUID> unacknowledged = BoundedMaps.oldestDroppedBeyond(MAX_UNACKNOWLEDGED);
    /** The latest messages the device acknowledged on this socket. */
    private final RecentMessageIds acknowledged = new RecentMessageIds(MAX_ACKNOWLEDGED_REMEMBERED);

    ClientSession(WebSocketConnection connection, AuthenticatedDevice device) {
        this.connection = connection;
        this.device = device;
    }

    public UUID userId() {
        return device.userId();
    }

    public String deviceId() {
        return device.deviceId();
    }

    public String connectionId() {
        return connection.id();
    }

    public boolean isOpen() {
        return connection.isOpen();
    }

    /** Pushes a live frame, or holds it back while catch-up runs. */
    public synchronized void push(Push push) {
        UUID messageId = push.messageId();
        if (live && !synced) {
            if (messageId == null || remember(messageId)) {
                write(push);
            }
            return;
        }
        if (live) {
            if (messageId != null && (unacknowledged.containsKey(messageId) || acknowledged.contains(messageId))) {
                return; // on this socket already: a second publish or hand-off of it
            }
            if (messageId != null && !pushedOnce.isEmpty()) {
                if (System.nanoTime() - forgetCatchUpAt >= 0) {
                    pushedOnce = Set.of();
                } else if (pushedOnce.contains(messageId)) {
                    return;
                }
            }
            write(push);
            return;
        }
        if (heldBack.size() >= MAX_HELD_BACK) {
            close(new CloseReason(1013, "too many messages during catch-up; reconnect"));
            return;
        }
        heldBack.add(push);
    }

    /** Pushes a pending message during catch-up. */
    public synchronized void pushCaughtUp(Push push) {
        pushedOnce.add(push.messageId());
        write(push);
    }

    /** Ends catch-up: writes {@code syncedFrame}, then the held-back frames not already pushed. */
    public synchronized void goLive(String syncedFrame) {
        write(syncedFrame);
        releaseHeldBack();
        live = true;
        synced(System.nanoTime());
    }

    /**
     * Catch-up failed: the held-back frames not already pushed are written and live frames flow
     * from now on, remembered until a later catch-up succeeds ({@link #pushLate}, {@link #syncedLate}).
     */
    public synchronized void goLiveBeforeSync() {
        for (Push push : heldBack) {
            if (push.messageId() == null || remember(push.messageId())) {
                write(push);
            }
        }
        heldBack = List.of();
        live = true;
    }

    /** Pushes a pending message found by a retried catch-up, unless this socket already has it. */
    public synchronized void pushLate(Push push) {
        if (remember(push.messageId())) {
            write(push);
        }
    }

    /** A retried catch-up succeeded: writes {@code syncedFrame}. */
    public synchronized void syncedLate(String syncedFrame) {
        write(syncedFrame);
        synced(System.nanoTime());
    }

    public synchronized boolean isSynced() {
        return synced;
    }

    private void releaseHeldBack() {
        for (Push push : heldBack) {
            if (push.messageId() == null || !pushedOnce.contains(push.messageId())) {
                write(push);
            }
        }
        heldBack = List.of();
    }

    private void synced(long now) {
        if (pushedOnce.isEmpty()) {
            pushedOnce = Set.of();
        }
        forgetCatchUpAt = now + CATCH_UP_MEMORY;
        synced = true;
    }

    /** Records that {@code messageId} is on this socket; false if it already was. */
    private boolean remember(UUID messageId) {
        if (pushedOnce.contains(messageId)) {
            return false;
        }
        if (pushedOnce.size() < MAX_REMEMBERED) {
            pushedOnce.add(messageId);
        }
        return true;
    }

    /**
     * The device acknowledges {@code messageIds} of {@code chatId}: true when this socket pushed
     * every one of them, of that chat, and they were not acknowledged before. Those it pushed are
     * then remembered among the acknowledged ones. What a socket pushed is remembered until acknowledged, up to
     * {@link #MAX_UNACKNOWLEDGED} messages (the oldest are forgotten first: their acknowledgement
     * then costs message-service a read, nothing more).
     */
    public synchronized boolean acknowledge(UUID chatId, List<UUID> messageIds) {
        boolean all = !messageIds.isEmpty();
        for (UUID id : messageIds) {
            UUID pushedIn = unacknowledged.remove(id);
            if (pushedIn != null) {
                acknowledged.add(id);
            }
            all &= chatId.equals(pushedIn);
        }
        return all;
    }

    /** A send this socket acked: its answer, and the fingerprint of what was sent under its id. */
    public record Acked(SendResponse stored, long fingerprint) {
    }

    /** The ack this socket gave the send {@code clientId}, if it is among the last {@value #MAX_ACKS_REMEMBERED}. */
    public synchronized Acked acked(ClientIdDigest clientId) {
        return acks.find(clientId);
    }

    public synchronized void rememberAck(ClientIdDigest clientId, SendResponse stored, long fingerprint) {
        acks.remember(clientId, stored, fingerprint);
    }

    /** A frame answering the client (ack, error, pong): written at once, catch-up or not. */
    public void reply(String frame) {
        write(frame);
    }

    public RateLimiter.Verdict admitFrame() {
        return limiter.admit(System.nanoTime());
    }

    /** Counts a frame refused for what it holds; true when the socket is to be closed for abuse (1008). */
    public boolean strikeRefusedFrame() {
        return limiter.strike(System.nanoTime());
    }

    /**
     * Hands {@code send} to {@code sendTogether} once every send queued before it has completed:
     * at once if none is in flight; otherwise it waits, and the sends waiting when the ones in
     * flight complete are handed on together, in their order (at most {@link #MAX_SENDS_TOGETHER}).
     */
    public void enqueueSend(ClientFrame.Send send, Function<List<ClientFrame.Send>, Uni<Void>> sendTogether) {
        synchronized (this) {
            sends.addLast(send);
            if (sending) {
                return;
            }
            sending = true;
        }
        sendQueued(sendTogether);
    }

    private void sendQueued(Function<List<ClientFrame.Send>, Uni<Void>> sendTogether) {
        List<ClientFrame.Send> together = new ArrayList<>();
        synchronized (this) {
            while (!sends.isEmpty() && together.size() < MAX_SENDS_TOGETHER) {
                together.add(sends.pollFirst());
            }
            if (together.isEmpty()) {
                sending = false;
                return;
            }
        }
        sendTogether.apply(together).subscribe().with(done -> sendQueued(sendTogether), failure -> {
            LOG.debugf("sends on %s failed: %s", connection.id(), failure.getMessage());
            sendQueued(sendTogether);
        });
    }

    public void close(CloseReason reason) {
        connection.close(reason).subscribe().with(ok -> { }, failure -> { });
    }

    private void write(Push push) {
        if (push.messageId() != null && push.chatId() != null) {
            unacknowledged.put(push.messageId(), push.chatId());
        }
        write(push.frame());
    }

    private void write(String frame) {
        connection.sendText(frame).subscribe().with(ok -> { },
                failure -> LOG.debugf("write to %s failed: %s", connection.id(), failure.getMessage()));
    }
}
