package dev.chat.gateway.sessions;

/**
 * The slots of a ring of at most {@code bound} entries kept in arrays by its owner: the first
 * entries take slots 0, 1, 2 … while the arrays grow by doubling (so a quiet socket's stay small),
 * then each new entry overwrites the oldest. Not thread-safe; the owner guards it.
 */
final class RingSlots {

    private static final int INITIAL_CAPACITY = 8;

    private final int bound;
    private int size;
    /** The oldest slot, overwritten next, once the ring is full. */
    private int next;

    RingSlots(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        this.bound = bound;
    }

    /** The capacity the owner's arrays need before {@link #claim}: {@code current}, or more while the ring fills. */
    int capacityFor(int current) {
        return size < current ? current : Math.min(bound, Math.max(INITIAL_CAPACITY, 2 * size));
    }

    /** The slot of a new entry. */
    int claim() {
        if (size < bound) {
            return size++;
        }
        int slot = next;
        next = (next + 1) % bound;
        return slot;
    }

    int size() {
        return size;
    }

    /** The slot claimed last; meaningful only when {@link #size} is positive. */
    int newest() {
        return size < bound ? size - 1 : Math.floorMod(next - 1, bound);
    }
}
