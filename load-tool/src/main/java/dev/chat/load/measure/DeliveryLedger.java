package dev.chat.load.measure;

import java.util.BitSet;
import java.util.Arrays;

/**
 * What was sent and what arrived, per message stream and receiver, to count loss, duplicates and
 * order. A stream is one sender's numbered messages (sequence 0, 1, 2, …) to one chat; each of its
 * messages is expected by every receiver of the stream (one in a pair, the other members in a
 * group).
 *
 * <ul>
 *   <li><b>lost</b>: acknowledged to the sender (stored) but never received by a receiver;</li>
 *   <li><b>duplicated</b>: received again by the same receiver (the protocol allows this only
 *       across reconnects; the load tool's clients do not de-duplicate, so that it shows);</li>
 *   <li><b>stored twice</b>: messages that arrived under more than one message id, which a
 *       client de-duplicating by id would show twice (the protocol never allows it);</li>
 *   <li><b>out of order</b>: received after a later message of the same stream.</li>
 * </ul>
 * Methods of one stream synchronise on it; streams are independent.
 *
 * <p>What it keeps per message is one 64-bit fingerprint of the id it first arrived under, in a
 * primitive array: a map of id strings kept about 150 bytes per message alive for the whole run,
 * which the tool's young collections copied again and again (pauses of 50–100 ms at 1,000
 * messages/s, added to every latency in flight; docs/benchmarks.md, eighteenth pass). Two different
 * ids of one message could share a fingerprint only by a 64-bit hash collision.
 */
public final class DeliveryLedger {

    private final Stream[] streams;

    public DeliveryLedger(int streamCount, int receiversPerStream) {
        streams = new Stream[streamCount];
        for (int i = 0; i < streamCount; i++) {
            streams[i] = new Stream(receiversPerStream);
        }
    }

    public void sent(int stream) {
        Stream s = streams[stream];
        synchronized (s) {
            s.sent++;
        }
    }

    public void acked(int stream, int seq) {
        Stream s = streams[stream];
        synchronized (s) {
            s.acked.set(seq);
        }
    }

    public void refused(int stream) {
        Stream s = streams[stream];
        synchronized (s) {
            s.refused++;
        }
    }

    /** Records that {@code receiver} got message {@code seq} of {@code stream}, under {@code messageId} (null where the protocol has none). */
    public void received(int stream, int receiver, int seq, String messageId) {
        Stream s = streams[stream];
        synchronized (s) {
            if (messageId != null && !s.firstIdIs(seq, fingerprint(messageId))) {
                s.storedTwice.set(seq);
            }
            BitSet got = s.received[receiver];
            if (got.get(seq)) {
                s.duplicated++;
                return;
            }
            got.set(seq);
            s.receivedCount++;
            if (seq < s.highest[receiver]) {
                s.outOfOrder++;
            } else {
                s.highest[receiver] = seq;
            }
        }
    }

    public Counts counts() {
        long sent = 0;
        long acked = 0;
        long refused = 0;
        long received = 0;
        long lost = 0;
        long duplicated = 0;
        long storedTwice = 0;
        long outOfOrder = 0;
        for (Stream s : streams) {
            synchronized (s) {
                sent += s.sent;
                acked += s.acked.cardinality();
                refused += s.refused;
                received += s.receivedCount;
                duplicated += s.duplicated;
                storedTwice += s.storedTwice.cardinality();
                outOfOrder += s.outOfOrder;
                for (BitSet got : s.received) {
                    BitSet missing = (BitSet) s.acked.clone();
                    missing.andNot(got);
                    lost += missing.cardinality();
                }
            }
        }
        return new Counts(sent, acked, refused, received, lost, duplicated, storedTwice, outOfOrder);
    }

    /** Whether every acknowledged message has reached every receiver of its stream. */
    public boolean complete() {
        return counts().lost() == 0;
    }

    /**
     * Totals over all streams. {@code received} counts each (message, receiver) once;
     * {@code lost} counts acknowledged messages some receiver has not got (yet).
     */
    public record Counts(long sent, long acked, long refused, long received, long lost, long duplicated,
            long storedTwice, long outOfOrder) {

        public boolean clean() {
            return lost == 0 && duplicated == 0 && storedTwice == 0 && outOfOrder == 0;
        }
    }

    /** A 64-bit FNV-1a hash of the id, never 0 (0 marks "no id yet"). */
    static long fingerprint(String messageId) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < messageId.length(); i++) {
            hash ^= messageId.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash == 0 ? 1 : hash;
    }

    private static final class Stream {
        long sent;
        long refused;
        final BitSet acked = new BitSet();
        final BitSet[] received;
        final int[] highest;
        long receivedCount;
        long duplicated;
        long outOfOrder;
        /** The fingerprint of the id each sequence number first arrived under, 0 where none has arrived. */
        long[] firstIds = new long[64];
        final BitSet storedTwice = new BitSet();

        Stream(int receivers) {
            received = new BitSet[receivers];
            highest = new int[receivers];
            for (int r = 0; r < receivers; r++) {
                received[r] = new BitSet();
                highest[r] = -1;
            }
        }

        /** Remembers {@code fingerprint} for {@code seq} if it is the first; whether {@code seq} first arrived under it. */
        boolean firstIdIs(int seq, long fingerprint) {
            if (seq >= firstIds.length) {
                firstIds = Arrays.copyOf(firstIds, Math.max(seq + 1, firstIds.length * 2));
            }
            if (firstIds[seq] == 0) {
                firstIds[seq] = fingerprint;
                return true;
            }
            return firstIds[seq] == fingerprint;
        }
    }
}
