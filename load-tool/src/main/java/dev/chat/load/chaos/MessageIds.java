package dev.chat.load.chaos;

import java.util.UUID;

/**
 * The order in which a client places messages: by message id, which is time-based
 * (docs/protocol.md). A version 1 id orders by its timestamp, then by its clock sequence and node;
 * any other version by its text.
 */
final class MessageIds {

    private MessageIds() {
    }

    static int compare(UUID a, UUID b) {
        if (a.version() == 1 && b.version() == 1) {
            int byTime = Long.compare(a.timestamp(), b.timestamp());
            if (byTime != 0) {
                return byTime;
            }
            int byClock = Integer.compare(a.clockSequence(), b.clockSequence());
            return byClock != 0 ? byClock : Long.compare(a.node(), b.node());
        }
        return a.toString().compareTo(b.toString());
    }
}
