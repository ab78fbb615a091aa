package dev.chat.gateway.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chat.common.internal.SendResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentAcksTest {

    @Test
    void anAckIsFoundByItsClientIdWithEverythingItSaid() {
        RecentAcks acks = new RecentAcks(8);
        SendResponse stored = new SendResponse(UUID.randomUUID(), UUID.randomUUID(),
                Instant.ofEpochSecond(1_790_000_000L, 999_999_999), true);
        acks.remember(ClientIdDigest.of("m-1"), stored, -42L);
        ClientSession.Acked found = acks.find(ClientIdDigest.of("m-1"));
        assertEquals(new ClientSession.Acked(stored, -42L), found);
        assertNull(acks.find(ClientIdDigest.of("m-2")));
    }

    @Test
    void aFirstAttemptsAckSaysItWasNotADuplicate() {
        RecentAcks acks = new RecentAcks(8);
        SendResponse stored = new SendResponse(UUID.randomUUID(), UUID.randomUUID(), Instant.ofEpochMilli(1_790_000_000_123L), false);
        acks.remember(ClientIdDigest.of("m-1"), stored, 7L);
        assertEquals(stored, acks.find(ClientIdDigest.of("m-1")).stored());
    }

    @Test
    void beyondTheBoundTheOldestAcksAreForgottenFirst() {
        RecentAcks acks = new RecentAcks(10);
        for (int i = 0; i < 25; i++) {
            acks.remember(ClientIdDigest.of("m-" + i), response(i), i);
        }
        assertEquals(10, acks.size());
        for (int i = 0; i < 25; i++) {
            ClientSession.Acked found = acks.find(ClientIdDigest.of("m-" + i));
            if (i < 15) {
                assertNull(found, "m-" + i);
            } else {
                assertEquals(new ClientSession.Acked(response(i), i), found, "m-" + i);
            }
        }
    }

    @Test
    void clientIdsWithTheSameHashAreTold() {
        RecentAcks acks = new RecentAcks(4);
        assertEquals("Aa".hashCode(), "BB".hashCode());
        acks.remember(ClientIdDigest.of("Aa"), response(1), 1L);
        assertNull(acks.find(ClientIdDigest.of("BB")));
        acks.remember(ClientIdDigest.of("BB"), response(2), 2L);
        assertEquals(response(1), acks.find(ClientIdDigest.of("Aa")).stored());
        assertEquals(response(2), acks.find(ClientIdDigest.of("BB")).stored());
    }

    @Test
    void clientIdsAreToldByEveryCharacterWhateverTheirAlphabet() {
        RecentAcks acks = new RecentAcks(8);
        acks.remember(ClientIdDigest.of("envoi-é-1"), response(1), 1L);
        acks.remember(ClientIdDigest.of("envoi-e-1"), response(2), 2L);
        acks.remember(ClientIdDigest.of("发送-1"), response(3), 3L);
        assertEquals(response(1), acks.find(ClientIdDigest.of("envoi-é-1")).stored());
        assertEquals(response(2), acks.find(ClientIdDigest.of("envoi-e-1")).stored());
        assertEquals(response(3), acks.find(ClientIdDigest.of(new String("发送-1"))).stored());
        assertNull(acks.find(ClientIdDigest.of("发送-2")));
        assertNull(acks.find(ClientIdDigest.of("envoi-é-")));
    }

    @Test
    void anIdRememberedTwiceAnswersWithTheLatestAck() {
        RecentAcks acks = new RecentAcks(4);
        for (int i = 0; i < 6; i++) {
            acks.remember(ClientIdDigest.of(i % 2 == 0 ? "even" : "odd"), response(i), i);
        }
        assertEquals(response(4), acks.find(ClientIdDigest.of("even")).stored());
        assertEquals(response(5), acks.find(ClientIdDigest.of("odd")).stored());
    }

    private static SendResponse response(int i) {
        return new SendResponse(new UUID(i, i + 1), new UUID(-i, i), Instant.ofEpochSecond(1_790_000_000L + i, i), i % 3 == 0);
    }
}
