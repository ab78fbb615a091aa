package dev.chat.common.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeUuidsTest {

    @Test
    void justBeforeSortsBeforeTheIdAndAfterAnIdOfAnEarlierTick() {
        Instant now = Instant.now();
        UUID earlier = TimeUuids.startOf(now);
        UUID id = TimeUuids.startOf(now.plusMillis(1));
        UUID before = TimeUuids.justBefore(id);
        assertEquals(1, before.version(), "a position is a timeuuid like the ids it is compared with");
        assertEquals(id.timestamp() - 1, before.timestamp());
        assertTrue(TimeUuids.compare(before, id) < 0);
        assertTrue(TimeUuids.compare(earlier, before) < 0);
    }

    @Test
    void endOfSortsAfterEveryIdOfItsMillisecondAndBeforeTheNext() {
        Instant now = Instant.ofEpochMilli(Instant.now().toEpochMilli());
        UUID end = TimeUuids.endOf(now);
        UUID lastTick = TimeUuids.justBefore(TimeUuids.startOf(now.plusMillis(1)));
        UUID lastTickMessage = new UUID(lastTick.getMostSignificantBits(), 0x8000000000000001L); // the RFC 4122 variant
        assertEquals(lastTick.timestamp(), end.timestamp());
        assertTrue(TimeUuids.compare(lastTickMessage, end) < 0, "a message of the millisecond's last tick");
        assertTrue(TimeUuids.compare(TimeUuids.asActionId(lastTickMessage), end) < 0, "an action of that tick");
        assertTrue(TimeUuids.compare(end, TimeUuids.startOf(now.plusMillis(1))) < 0);
    }

    @Test
    void justBeforeRefusesAnIdThatIsNotTimeBased() {
        assertThrows(IllegalArgumentException.class, () -> TimeUuids.justBefore(UUID.randomUUID()));
    }

    @Test
    void anActionIdKeepsItsTimeAndIsToldFromEveryMessageId() {
        UUID message = TimeUuids.startOf(Instant.now()); // of the RFC 4122 variant, as every generator here makes them
        UUID action = TimeUuids.asActionId(message);
        assertEquals(TimeUuids.instantOf(message), TimeUuids.instantOf(action));
        assertTrue(TimeUuids.isActionId(action));
        assertTrue(TimeUuids.isMessageId(action), "it orders a chat like a message id");
        assertFalse(TimeUuids.isActionId(message));
        assertEquals(action, TimeUuids.asActionId(message), "the same for every attempt");
        assertFalse(TimeUuids.isActionId(UUID.randomUUID()));
    }
}
