package dev.chat.common.ids;

import java.time.Instant;
import java.util.UUID;

/** Reads the time out of version-1 (time-based) UUIDs, the type of Cassandra's {@code timeuuid}. */
public final class TimeUuids {

    /** 100-ns intervals between the UUID epoch (1582-10-15) and the Unix epoch. */
    private static final long UUID_EPOCH_OFFSET = 0x01b21dd213814000L;

    private TimeUuids() {
    }

    public static Instant instantOf(UUID timeBased) {
        if (timeBased.version() != 1) {
            throw new IllegalArgumentException("not a time-based UUID: " + timeBased);
        }
        long hundredNanos = timeBased.timestamp() - UUID_EPOCH_OFFSET;
        return Instant.ofEpochSecond(Math.floorDiv(hundredNanos, 10_000_000L),
                Math.floorMod(hundredNanos, 10_000_000L) * 100);
    }
}
