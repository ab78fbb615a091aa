package dev.chat.load.client.xmpp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * XEP-0198 bookkeeping of one stream, from the moment stream management is enabled: how many
 * stanzas were sent (the server's {@code h} counts those it has handled, in order) and which of
 * them were the tool's messages, so that an {@code <a h='N'/>} tells which messages the server
 * has taken; and how many stanzas were received, the answer to the server's {@code <r/>}.
 * Not thread-safe: one connection's event loop owns it.
 */
final class StreamAcks {

    private record Pending(long stanza, String clientId) {
    }

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long sent;
    private long received;

    /** A stanza other than a message of the tool's was sent (presence, an iq's answer). */
    void sentOther() {
        sent++;
    }

    /** The tool's message with {@code clientId} was sent. */
    void sentMessage(String clientId) {
        sent++;
        pending.add(new Pending(sent, clientId));
    }

    /** A stanza (message, presence or iq) was received. */
    void received() {
        received++;
    }

    /** What to answer the server's {@code <r/>}. */
    long receivedCount() {
        return received;
    }

    /**
     * The server has handled {@code handled} stanzas of this stream: the client ids of the
     * messages among them not reported before, oldest first. {@code h} wraps at 2^32 (XEP-0198);
     * it is compared modulo that, so a long stream keeps working.
     */
    List<String> handled(long handled) {
        List<String> taken = new ArrayList<>();
        while (!pending.isEmpty() && ((handled - pending.peek().stanza()) & 0xFFFF_FFFFL) < 0x8000_0000L) {
            taken.add(pending.poll().clientId());
        }
        return taken;
    }

    /** Messages sent and not yet acknowledged. */
    int unacknowledged() {
        return pending.size();
    }
}
