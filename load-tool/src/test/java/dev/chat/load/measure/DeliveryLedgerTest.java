package dev.chat.load.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DeliveryLedgerTest {

    @Test
    void anAckedMessageMissingAtOneReceiverIsLostOnceForThatReceiver() {
        DeliveryLedger ledger = new DeliveryLedger(1, 2);
        ledger.sent(0);
        ledger.acked(0, 0);
        ledger.received(0, 0, 0);

        assertEquals(1, ledger.counts().lost());
        assertFalse(ledger.complete());
        ledger.received(0, 1, 0);
        assertEquals(0, ledger.counts().lost());
        assertTrue(ledger.complete());
    }

    @Test
    void aMessageReceivedTwiceByTheSameReceiverIsADuplicateNotASecondDelivery() {
        DeliveryLedger ledger = new DeliveryLedger(1, 1);
        ledger.acked(0, 0);
        ledger.received(0, 0, 0);
        ledger.received(0, 0, 0);

        DeliveryLedger.Counts counts = ledger.counts();
        assertEquals(1, counts.received());
        assertEquals(1, counts.duplicated());
        assertFalse(counts.clean());
    }

    @Test
    void aMessageArrivingAfterALaterOneOfItsStreamIsOutOfOrder() {
        DeliveryLedger ledger = new DeliveryLedger(2, 1);
        ledger.received(0, 0, 1);
        ledger.received(0, 0, 0);
        ledger.received(1, 0, 5);

        assertEquals(1, ledger.counts().outOfOrder());
    }

    @Test
    void aReceivedButUnacknowledgedMessageIsNotLost() {
        DeliveryLedger ledger = new DeliveryLedger(1, 1);
        ledger.sent(0);
        ledger.received(0, 0, 0);
        ledger.sent(0);
        ledger.refused(0);

        DeliveryLedger.Counts counts = ledger.counts();
        assertEquals(0, counts.lost());
        assertEquals(2, counts.sent());
        assertEquals(1, counts.refused());
    }
}
