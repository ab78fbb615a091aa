package dev.chat.common.ids;

import java.time.Instant;
import java.util.UUID;

/** Reads the time out of version-1 (time-based) UUIDs, the type of Cassandra's {@code timeuuid}. */
public final class TimeUuids {

    /** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
    private static final long UUID_EPOCH_OFFSET = 0x01b21dd213814000L;

    private TimeUuids() {
    }

    /**
     * Orders time-based UUIDs by their time, then by their remaining bits: the order of
     * Cassandra's {@code timeuuid} clustering.
     */
    public static int compare(UUID a, UUID b) {
        int byTime = Long.compare(a.timestamp(), b.timestamp());
        return byTime != 0 ? byTime : a.compareTo(b);
    }

    /**
     * The lowest time-based UUID of an instant (millisecond precision): every message id of that
     * millisecond or later sorts at or after it. Used as a cursor and in tests.
     */
    public static UUID startOf(Instant instant) {
        return of(instant.toEpochMilli() * 10_000L + UUID_EPOCH_OFFSET, 0x8080808080808080L);
    }

    /**
     * The highest time-based UUID of an instant (millisecond precision): every message id of that
     * millisecond or earlier sorts at or before it. A bound that includes the whole millisecond.
     */
    public static UUID endOf(Instant instant) {
        return of(instant.toEpochMilli() * 10_000L + 9_999L + UUID_EPOCH_OFFSET, 0x7F7F7F7F7F7F7F7FL);
    }

    /**
     * A time-based UUID one tick (100 ns) older than {@code id}: it sorts before {@code id} and
     * after every id of an earlier tick, so "after it" means "{@code id} and later". A read
     * position that counts {@code id} as not yet read.
     */
    public static UUID justBefore(UUID id) {
        if (!isMessageId(id)) {
            throw new IllegalArgumentException("not a time-based UUID: " + id);
        }
        return of(id.timestamp() - 1, 0x7F7F7F7F7F7F7F7FL);
    }

    private static UUID of(long ticks, long leastSignificantBits) {
        long msb = (ticks << 32) | ((ticks >>> 16) & 0xFFFF0000L) | 0x1000L | ((ticks >>> 48) & 0x0FFFL);
        return new UUID(msb, leastSignificantBits);
    }

    /**
     * Whether the id can be a message id: only time-based (version 1) UUIDs order a chat, so no
     * other id is ever one.
     */
    public static boolean isMessageId(UUID id) {
        return id != null && id.version() == 1;
    }

    /**
     * The id of a message action (a reaction, an edit, a deletion: {@code MessageAction}) made
     * from a time-based id: the same time and bits, with the UUID variant set to {@code 111}
     * (RFC 4122's "reserved for future definition"). Every other time-based id in the system is
     * made by a generator of the RFC 4122 variant ({@code 10x}), so any service can tell an
     * action's id from a message's without a read ({@link #isActionId}): an action has no row of
     * its own in {@code messages}, and its acknowledgement must mark none. Deterministic, so every
     * attempt of one action gets the same id.
     */
    public static UUID asActionId(UUID timeBased) {
        if (!isMessageId(timeBased)) {
            throw new IllegalArgumentException("not a time-based UUID: " + timeBased);
        }
        return new UUID(timeBased.getMostSignificantBits(), timeBased.getLeastSignificantBits() | 0xE000000000000000L);
    }

    /** Whether the id is a message action's ({@link #asActionId}), not a message's. */
    public static boolean isActionId(UUID id) {
        return isMessageId(id) && id.variant() == 7;
    }

    public static Instant instantOf(UUID timeBased) {
        if (!isMessageId(timeBased)) {
            throw new IllegalArgumentException("not a time-based UUID: " + timeBased);
        }
        long hundredNanos = timeBased.timestamp() - UUID_EPOCH_OFFSET;
        return Instant.ofEpochSecond(Math.floorDiv(hundredNanos, 10_000_000L),
                Math.floorMod(hundredNanos, 10_000_000L) * 100);
    }
}
