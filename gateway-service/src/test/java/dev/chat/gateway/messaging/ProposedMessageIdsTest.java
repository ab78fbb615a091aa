package dev.chat.gateway.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProposedMessageIdsTest {

    private final ProposedMessageIds ids = new ProposedMessageIds();
    private final UUID alice = UUID.randomUUID();

    @Test
    void everyAttemptOfAnUnsettledSendGetsTheSameTimeBasedId() {
        UUID first = ids.forAttempt(alice, "c-1");
        assertEquals(1, first.version());
        assertEquals(first, ids.forAttempt(alice, "c-1"));
        assertNotEquals(first, ids.forAttempt(UUID.randomUUID(), "c-1"), "client ids are the sender's own");
    }

    @Test
    void aSettledSendsClientIdGetsANewLaterIdNextTime() {
        UUID first = ids.forAttempt(alice, "c-2");
        ids.settled(alice, "c-2");
        UUID next = ids.forAttempt(alice, "c-2");
        assertTrue(next.timestamp() > first.timestamp(), "ids follow the order they are handed out in");
    }

    @Test
    void theOldestUnsettledSendsAreForgottenBeyondTheLimit() {
        UUID oldest = ids.forAttempt(alice, "c-0");
        for (int i = 1; i <= ProposedMessageIds.MAX_REMEMBERED; i++) {
            ids.forAttempt(alice, "c-" + i);
        }
        assertEquals(ProposedMessageIds.MAX_REMEMBERED, ids.unsettledCount());
        assertNotEquals(oldest, ids.forAttempt(alice, "c-0"));
    }
}
