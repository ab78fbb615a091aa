package dev.chat.gateway.sessions;

import dev.chat.common.internal.SendResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * The last acks a socket gave, by the client's id of each send, at most a fixed number (the oldest
 * are forgotten first): what a send repeated on the socket is answered with.
 *
 * <p>An ack is held in arrays of primitives, and only the client's id is kept as an object, for
 * the same reason as {@link RecentMessageIds}: a socket remembers an ack for hundreds of sends, so
 * an object per ack (the map's entry, the response, its two ids and its instant) lived long enough
 * to be promoted and then died as old-generation garbage. An ack is found only by an equal client
 * id; its hash narrows the comparisons. Not thread-safe; the owning session guards it.
 */
final class RecentAcks {

    /** Longs per ack: the message id's two halves, the chat id's two halves, the sent-at second, the fingerprint. */
    private static final int STRIDE = 6;
    /** Set in {@link #nanosAndFlag} when the ack was for a duplicate; nanoseconds stay below it. */
    private static final int DUPLICATE = 1 << 30;

    private final RingSlots slots;
    private String[] clientIds = new String[0];
    private int[] hashes = new int[0];
    private long[] longs = new long[0];
    /** The sent-at instant's nanoseconds, with {@link #DUPLICATE} set when the ack was for a duplicate. */
    private int[] nanosAndFlag = new int[0];

    RecentAcks(int bound) {
        this.slots = new RingSlots(bound);
    }

    void remember(String clientId, SendResponse stored, long fingerprint) {
        int capacity = slots.capacityFor(clientIds.length);
        if (capacity != clientIds.length) {
            grow(capacity);
        }
        int slot = slots.claim();
        clientIds[slot] = clientId;
        hashes[slot] = clientId.hashCode();
        int at = STRIDE * slot;
        longs[at] = stored.messageId().getMostSignificantBits();
        longs[at + 1] = stored.messageId().getLeastSignificantBits();
        longs[at + 2] = stored.chatId().getMostSignificantBits();
        longs[at + 3] = stored.chatId().getLeastSignificantBits();
        longs[at + 4] = stored.sentAt().getEpochSecond();
        longs[at + 5] = fingerprint;
        nanosAndFlag[slot] = stored.sentAt().getNano() | (stored.duplicate() ? DUPLICATE : 0);
    }

    /** The ack given to {@code clientId}, if it is among those remembered; the latest if there are several. */
    ClientSession.Acked find(String clientId) {
        int hash = clientId.hashCode();
        int size = slots.size();
        int newest = slots.newest();
        for (int back = 0; back < size; back++) {
            int slot = Math.floorMod(newest - back, size);
            if (hashes[slot] == hash && clientIds[slot].equals(clientId)) {
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
        SendResponse stored = new SendResponse(new UUID(longs[at], longs[at + 1]), new UUID(longs[at + 2], longs[at + 3]),
                Instant.ofEpochSecond(longs[at + 4], nanos), (nanosAndFlag[slot] & DUPLICATE) != 0);
        return new ClientSession.Acked(stored, longs[at + 5]);
    }

    private void grow(int capacity) {
        clientIds = Arrays.copyOf(clientIds, capacity);
        hashes = Arrays.copyOf(hashes, capacity);
        longs = Arrays.copyOf(longs, STRIDE * capacity);
        nanosAndFlag = Arrays.copyOf(nanosAndFlag, capacity);
    }
}
