package dev.chat.load.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.load.client.ChatUser;
import dev.chat.load.client.Recipient;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChaosLedgerTest {

    private static final String ID_1 = "00000001-0000-1000-8000-000000000001";
    private static final String ID_2 = "00000002-0000-1000-8000-000000000001";
    private static final String ID_3 = "00000003-0000-1000-8000-000000000001";

    private final ChaosLedger ledger = new ChaosLedger();
    private final ChaosDevice receiver = new ChaosDevice("r0", new ChatUser(UUID.randomUUID(), "load", "t"), 0, null, ledger);
    private final ChaosDevice sender = new ChaosDevice("s0", new ChatUser(UUID.randomUUID(), "load", "t"), 0, null, ledger);
    private final ChaosLedger.Stream stream = ledger.addStream(sender, "pair 0", List.of(receiver));
    private final Recipient to = Recipient.user(UUID.randomUUID().toString());

    @Test
    void anAcknowledgedMessageNoDeviceReceivedIsMissingAndTheLedgerIsNotSettled() {
        Outgoing first = ledger.next(stream, to, 1);
        ledger.acked(first, ID_1, 2);

        assertEquals(List.of("r0#0"), ledger.missing(stream));
        assertFalse(ledger.settled());

        ledger.received(receiver, 0, 0, ID_1, "chat", 3);
        assertEquals(List.of(), ledger.missing(stream));
        assertTrue(ledger.settled());
    }

    @Test
    void aMessageNotYetAcknowledgedKeepsTheLedgerUnsettledButIsNotLost() {
        ledger.next(stream, to, 1);

        assertEquals(List.of(), ledger.missing(stream));
        assertFalse(ledger.settled());
    }

    @Test
    void oneMessageUnderTwoIdsIsShownTwiceWhileTheSameIdPushedAgainIsNot() {
        Outgoing first = ledger.next(stream, to, 1);
        ledger.acked(first, ID_1, 2);
        ledger.received(receiver, 0, 0, ID_1, "chat", 3);
        ledger.received(receiver, 0, 0, ID_1, "chat", 4);
        assertEquals(Set.of(), ledger.shownTwice());
        assertEquals(1, ledger.pushedAgain());

        ledger.received(receiver, 0, 0, ID_2, "chat", 5);
        assertEquals(Set.of(ChaosLedger.key(0, 0)), ledger.shownTwice());
    }

    @Test
    void idsThatDoNotFollowSendOrderAreOutOfOrderWhileALateArrivalIsOnlyCounted() {
        Outgoing first = ledger.next(stream, to, 1);
        Outgoing second = ledger.next(stream, to, 2);
        Outgoing third = ledger.next(stream, to, 3);
        ledger.acked(first, ID_1, 4);
        ledger.acked(second, ID_3, 5);
        ledger.acked(third, ID_2, 6);

        assertEquals(List.of(2), ledger.outOfOrder(stream));

        ledger.received(receiver, 0, 1, ID_3, "chat", 7);
        ledger.received(receiver, 0, 0, ID_1, "chat", 8);
        assertEquals(1, ledger.arrivedLate());
    }

    @Test
    void outgoingBodiesNameTheirStreamAndNumberAndOtherTextIsNotOurs() {
        Outgoing message = new Outgoing(7, 42, to, 0);

        assertEquals("chaos-7-42", message.clientId());
        assertEquals(List.of(7, 42), List.of(Outgoing.parse(message.body())[0], Outgoing.parse(message.body())[1]));
        assertEquals(null, Outgoing.parse("hello"));
        assertEquals(null, Outgoing.parse("chaos x y"));
    }
}
