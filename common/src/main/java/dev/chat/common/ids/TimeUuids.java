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

    public static Instant instantOf(UUID timeBased) {
        if (!isMessageId(timeBased)) {
            throw new IllegalArgumentException("not a time-based UUID: " + timeBased);
        }
        long hundredNanos = timeBased.timestamp() - UUID_EPOCH_OFFSET;
        return Instant.ofEpochSecond(Math.floorDiv(hundredNanos, 10_000_000L),
                Math.floorMod(hundredNanos, 10_000_000L) * 100);
    }
}
