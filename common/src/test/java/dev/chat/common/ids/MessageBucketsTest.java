package dev.chat.common.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageBucketsTest {

    private static final UUID DIRECT = ChatIds.direct(UUID.randomUUID(), UUID.randomUUID());
    private static final UUID GROUP = UUID.randomUUID();

    @Test
    void directChatsUseThirtyDayBucketsAndGroupsOneDay() {
        Instant t = Instant.parse("2026-11-24T10:00:00Z");
        assertEquals(MessageBuckets.bucketOf(DIRECT, t),
                MessageBuckets.bucketOf(DIRECT, t.plus(Duration.ofDays(1))),
                "a day later is still the same 30-day bucket here");
        assertEquals(MessageBuckets.bucketOf(GROUP, t) + 1,
                MessageBuckets.bucketOf(GROUP, t.plus(Duration.ofDays(1))));
        assertEquals(MessageBuckets.bucketOf(DIRECT, t) + 1,
                MessageBuckets.bucketOf(DIRECT, t.plus(Duration.ofDays(30))));
    }

    @Test
    void bucketOfATimeUuidFollowsItsTimestamp() {
        // 1 Jan 2026 00:00:00 UTC as a version-1 UUID: 100-ns ticks since 1582-10-15.
        long ticks = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() * 10_000L + 0x01b21dd213814000L;
        long msb = (ticks << 32) | ((ticks >>> 16) & 0xFFFF0000L) | 0x1000L | ((ticks >>> 48) & 0x0FFFL);
        UUID timeUuid = new UUID(msb, 0x8000000000000001L);
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), TimeUuids.instantOf(timeUuid));
        assertEquals(MessageBuckets.bucketOf(GROUP, Instant.parse("2026-01-01T00:00:00Z")),
                MessageBuckets.bucketOf(GROUP, timeUuid));
    }

    @Test
    void randomUuidsHaveNoTime() {
        assertThrows(IllegalArgumentException.class, () -> TimeUuids.instantOf(UUID.randomUUID()));
    }
}
