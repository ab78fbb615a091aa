package dev.chat.message.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private final Instant now = Instant.parse("2026-12-02T12:00:00Z");
    private final MessageIds ids = new MessageIds(Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void aProposedIdOfTheLastMinutesIsTaken() {
        UUID proposed = Uuids.startOf(now.minusSeconds(30).toEpochMilli());
        assertEquals(proposed, ids.chosenOrNew(proposed));
    }

    @Test
    void aProposedIdAheadOfThisServiceOrOlderThanTheWindowIsReplaced() {
        UUID ahead = Uuids.startOf(now.plusMillis(5).toEpochMilli());
        UUID tooOld = Uuids.startOf(now.minus(MessageIds.OLDEST_TAKEN).minusSeconds(1).toEpochMilli());
        assertNotEquals(ahead, ids.chosenOrNew(ahead));
        assertNotEquals(tooOld, ids.chosenOrNew(tooOld));
    }

    @Test
    void aProposedIdThatIsNotTimeBasedIsReplacedWithATimeBasedOne() {
        UUID random = UUID.randomUUID();
        UUID chosen = ids.chosenOrNew(random);
        assertNotEquals(random, chosen);
        assertEquals(1, chosen.version());
        assertEquals(1, ids.chosenOrNew(null).version());
    }
}
