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
        ledger.received(0, 0, 0, "m-0-0");

        assertEquals(1, ledger.counts().lost());
        assertFalse(ledger.complete());
        ledger.received(0, 1, 0, "m-0-0");
        assertEquals(0, ledger.counts().lost());
        assertTrue(ledger.complete());
    }

    @Test
    void aMessageReceivedTwiceByTheSameReceiverIsADuplicateNotASecondDelivery() {
        DeliveryLedger ledger = new DeliveryLedger(1, 1);
        ledger.acked(0, 0);
        ledger.received(0, 0, 0, "m-0-0");
        ledger.received(0, 0, 0, "m-0-0");

        DeliveryLedger.Counts counts = ledger.counts();
        assertEquals(1, counts.received());
        assertEquals(1, counts.duplicated());
        assertEquals(0, counts.storedTwice(), "the same message, which a client drops by its id");
        assertFalse(counts.clean());
    }

    @Test
    void aMessageArrivingUnderTwoMessageIdsIsStoredTwiceWhicheverReceiverSeesWhich() {
        DeliveryLedger ledger = new DeliveryLedger(1, 2);
        ledger.acked(0, 0);
        ledger.received(0, 0, 0, "first-copy");
        ledger.received(0, 1, 0, "second-copy");

        DeliveryLedger.Counts counts = ledger.counts();
        assertEquals(0, counts.duplicated(), "each receiver got it once");
        assertEquals(1, counts.storedTwice());
        assertFalse(counts.clean());
    }

    @Test
    void messagesFarIntoAStreamKeepTheIdTheyFirstArrivedUnder() {
        DeliveryLedger ledger = new DeliveryLedger(1, 2);
        for (int seq = 0; seq < 10_000; seq++) {
            ledger.acked(0, seq);
            ledger.received(0, 0, seq, "m-" + seq);
        }
        ledger.received(0, 1, 9_999, new String("m-9999")); // equal, not the same instance
        ledger.received(0, 1, 5_000, "another-id");

        assertEquals(1, ledger.counts().storedTwice(), "only the message that came under another id");
    }

    @Test
    void aMessageArrivingAfterALaterOneOfItsStreamIsOutOfOrder() {
        DeliveryLedger ledger = new DeliveryLedger(2, 1);
        ledger.received(0, 0, 1, "m-0-1");
        ledger.received(0, 0, 0, "m-0-0");
        ledger.received(1, 0, 5, "m-1-5");

        assertEquals(1, ledger.counts().outOfOrder());
    }

    @Test
    void aReceivedButUnacknowledgedMessageIsNotLost() {
        DeliveryLedger ledger = new DeliveryLedger(1, 1);
        ledger.sent(0);
        ledger.received(0, 0, 0, "m-0-0");
        ledger.sent(0);
        ledger.refused(0);

        DeliveryLedger.Counts counts = ledger.counts();
        assertEquals(0, counts.lost());
        assertEquals(2, counts.sent());
        assertEquals(1, counts.refused());
    }
}
