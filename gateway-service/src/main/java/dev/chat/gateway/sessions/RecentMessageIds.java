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
 * <p>The array grows by doubling up to the bound, so a quiet socket stays small. A look-up scans
 * every id remembered: a few hundred comparisons, cheaper than hashing for bounds this small. Not
 * thread-safe; the owning session guards it.
 */
final class RecentMessageIds {

    private static final int INITIAL_CAPACITY = 8;

    private final int bound;
    /** Id i is at {@code [2i]} (most significant bits) and {@code [2i + 1]}. */
    private long[] bits = new long[0];
    private int size;
    /** Where the next id goes once the array is full and the oldest is overwritten. */
    private int next;

    RecentMessageIds(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        this.bound = bound;
    }

    void add(UUID id) {
        if (size < bound) {
            if (2 * size == bits.length) {
                bits = Arrays.copyOf(bits, 2 * Math.min(bound, Math.max(INITIAL_CAPACITY, 2 * size)));
            }
            put(size++, id);
            return;
        }
        put(next, id);
        next = (next + 1) % bound;
    }

    boolean contains(UUID id) {
        long most = id.getMostSignificantBits();
        long least = id.getLeastSignificantBits();
        for (int i = 0; i < 2 * size; i += 2) {
            if (bits[i + 1] == least && bits[i] == most) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return size;
    }

    private void put(int slot, UUID id) {
        bits[2 * slot] = id.getMostSignificantBits();
        bits[2 * slot + 1] = id.getLeastSignificantBits();
    }
}
