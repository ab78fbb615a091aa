package dev.chat.gateway.sessions;

import java.util.Arrays;
import java.util.UUID;

/**
 * The latest message ids a socket remembers, at most a fixed number (the oldest are forgotten
 * first), held as pairs of longs in one array.
 *
 * <p>Why not a map: a socket remembers each id for hundreds of messages, long enough for the
 * collector to move it to the old generation, where a map's entry and its {@link UUID} later die
 * as garbage only a full collection reclaims. At 700 messages a second that was a quarter of a
 * megabyte a second in the gateway, and full collections of 100–300 ms (docs/benchmarks.md,
 * fourteenth pass). Here an id costs no object at all once the array has grown to its bound.
 *
 * <p>The array grows by doubling up to the bound ({@link RingSlots}). A look-up scans
 * every id remembered: a few hundred comparisons, cheaper than hashing for bounds this small. Not
 * thread-safe; the owning session guards it.
 */
final class RecentMessageIds {

    private final RingSlots slots;
    /** Id i is at {@code [2i]} (most significant bits) and {@code [2i + 1]}. */
    private long[] bits = new long[0];

    RecentMessageIds(int bound) {
        this.slots = new RingSlots(bound);
    }

    void add(UUID id) {
        int capacity = slots.capacityFor(bits.length / 2);
        if (2 * capacity != bits.length) {
            bits = Arrays.copyOf(bits, 2 * capacity);
        }
        int slot = slots.claim();
        bits[2 * slot] = id.getMostSignificantBits();
        bits[2 * slot + 1] = id.getLeastSignificantBits();
    }

    boolean contains(UUID id) {
        long most = id.getMostSignificantBits();
        long least = id.getLeastSignificantBits();
        for (int i = 0; i < 2 * slots.size(); i += 2) {
            if (bits[i + 1] == least && bits[i] == most) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return slots.size();
    }
}
