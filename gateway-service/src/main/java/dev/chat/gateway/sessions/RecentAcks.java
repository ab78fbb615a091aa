package dev.chat.gateway.sessions;

import dev.chat.common.internal.SendResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The last acks a socket gave, by the client's id of each send, at most a fixed number (the oldest
 * are forgotten first): what a send repeated on the socket is answered with.
 *
 * <p>An ack is held in one array of longs, with no object at all, for the same reason as
 * {@link RecentMessageIds}: a socket remembers an ack for hundreds of sends, so anything kept per
 * ack lived long enough to be promoted and then died as old-generation garbage. The client's id
 * was the last such object (about 100 bytes a send, the full collections of 150–260 ms the
 * gateway still made every few minutes at 1,000 messages/s; docs/benchmarks.md, eighteenth pass):
 * it is kept as the first 128 bits of its SHA-256 ({@link ClientIdDigest}). Two different ids of one socket's last sends
 * would have to share those bits for one to be answered with the other's ack, which is no more
 * likely than two random message ids being equal, and SHA-256 gives a client no way to make it
 * happen. Not thread-safe; the owning session guards it.
 */
final class RecentAcks {

    /**
     * Longs per ack: the client id's digest (two), the message id's two halves, the chat id's two
     * halves, the sent-at second, the fingerprint of what was sent.
     */
    private static final int STRIDE = 8;
    /** Set in {@link #nanosAndFlag} when the ack was for a duplicate; nanoseconds stay below it. */
    private static final int DUPLICATE = 1 << 30;

    private final RingSlots slots;
    private long[] longs = new long[0];
    /** The sent-at instant's nanoseconds, with {@link #DUPLICATE} set when the ack was for a duplicate. */
    private int[] nanosAndFlag = new int[0];

    RecentAcks(int bound) {
        this.slots = new RingSlots(bound);
    }

    void remember(ClientIdDigest clientId, SendResponse stored, long fingerprint) {
        int capacity = slots.capacityFor(nanosAndFlag.length);
        if (capacity != nanosAndFlag.length) {
            grow(capacity);
        }
        int slot = slots.claim();
        int at = STRIDE * slot;
        longs[at] = clientId.high();
        longs[at + 1] = clientId.low();
        longs[at + 2] = stored.messageId().getMostSignificantBits();
        longs[at + 3] = stored.messageId().getLeastSignificantBits();
        longs[at + 4] = stored.chatId().getMostSignificantBits();
        longs[at + 5] = stored.chatId().getLeastSignificantBits();
        longs[at + 6] = stored.sentAt().getEpochSecond();
        longs[at + 7] = fingerprint;
        nanosAndFlag[slot] = stored.sentAt().getNano() | (stored.duplicate() ? DUPLICATE : 0);
    }

    /** The ack given to {@code clientId}, if it is among those remembered; the latest if there are several. */
    ClientSession.Acked find(ClientIdDigest clientId) {
        int size = slots.size();
        long high = clientId.high();
        long low = clientId.low();
        int newest = slots.newest();
        for (int back = 0; back < size; back++) {
            int slot = Math.floorMod(newest - back, size);
            if (longs[STRIDE * slot] == high && longs[STRIDE * slot + 1] == low) {
                return ackAt(slot);
            }
        }
        return null;
    }

    int size() {
        return slots.size();
    }

    private ClientSession.Acked ackAt(int slot) {
        int at = STRIDE * slot;
        int nanos = nanosAndFlag[slot] & ~DUPLICATE;
        SendResponse stored = new SendResponse(new UUID(longs[at + 2], longs[at + 3]), new UUID(longs[at + 4], longs[at + 5]),
                Instant.ofEpochSecond(longs[at + 6], nanos), (nanosAndFlag[slot] & DUPLICATE) != 0);
        return new ClientSession.Acked(stored, longs[at + 7]);
    }

    private void grow(int capacity) {
        longs = Arrays.copyOf(longs, STRIDE * capacity);
        nanosAndFlag = Arrays.copyOf(nanosAndFlag, capacity);
    }
}
