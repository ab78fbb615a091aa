package dev.chat.load.client.xmpp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StreamAcksTest {

    @Test
    void anAckReportsTheMessagesAmongTheHandledStanzasOnce() {
        StreamAcks acks = new StreamAcks();
        acks.sentOther();          // initial presence: stanza 1
        acks.sentMessage("m1");    // 2
        acks.sentMessage("m2");    // 3
        acks.sentOther();          // an iq answer: 4
        acks.sentMessage("m3");    // 5

        assertEquals(List.of(), acks.handled(1));
        assertEquals(List.of("m1"), acks.handled(2));
        assertEquals(List.of("m2"), acks.handled(4));
        assertEquals(List.of(), acks.handled(4), "an answer repeated reports nothing again");
        assertEquals(1, acks.unacknowledged());
        assertEquals(List.of("m3"), acks.handled(5));
    }

    @Test
    void countsAreComparedModulo2To32() {
        StreamAcks acks = new StreamAcks();
        for (int i = 0; i < 10; i++) {
            acks.sentOther();
        }
        acks.sentMessage("m11");

        // 2^32 - 16 is 16 stanzas before stanza 0 in XEP-0198's modulo 2^32 count: not an ack of stanza 11.
        assertEquals(List.of(), acks.handled(0xFFFF_FFF0L));
        assertEquals(List.of("m11"), acks.handled(11));
    }

    @Test
    void receivedStanzasAreCountedForTheServersRequest() {
        StreamAcks acks = new StreamAcks();
        acks.received();
        acks.received();

        assertEquals(2, acks.receivedCount());
    }
}
