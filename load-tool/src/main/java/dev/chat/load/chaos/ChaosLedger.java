package dev.chat.load.chaos;

import dev.chat.common.ids.TimeUuids;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the chaos clients sent, what the server acknowledged and what every receiving device got,
 * checked as a user would see it after the client's de-duplication by message id.
 *
 * <ul>
 *   <li><b>lost</b>: acknowledged to the sender, never received by one of the stream's receiving devices;</li>
 *   <li><b>shown twice</b>: one message (stream and number) under two message ids, which a client
 *       de-duplicating by id shows twice: stored twice;</li>
 *   <li><b>out of order</b>: a later message of a stream with an earlier message id than the one
 *       before it, so that a client placing messages by id (docs/protocol.md) shows them out of send order;</li>
 *   <li><b>arrived late</b> (reported, allowed): a message that first arrived after a later one of its
 *       stream, as a repair or a delayed catch-up may push it (docs/protocol.md, *In order per chat*);</li>
 *   <li><b>pushed again</b> (reported, allowed): the same message id pushed to a device again.</li>
 * </ul>
 * All methods synchronise on the ledger: the rates are tens of messages a second.
 */
final class ChaosLedger {

    /** One sender's messages to one chat, and the devices that should receive them. */
    static final class Stream {
        final int number;
        final ChaosDevice sender;
        final String chat;
        final List<ChaosDevice> receivers;
        int created;
        final Map<Integer, String> ackedIds = new HashMap<>();
        final Map<Integer, Long> createdAt = new HashMap<>();
        final Map<Integer, Long> ackedAt = new HashMap<>();
        final Map<Integer, Long> deliveredAt = new HashMap<>();
        final Map<Integer, Integer> attempts = new HashMap<>();
        final Map<Integer, Long> firstAttemptAt = new HashMap<>();
        final java.util.Set<Integer> interrupted = new java.util.HashSet<>();
        volatile String chatId;

        Stream(int number, ChaosDevice sender, String chat, List<ChaosDevice> receivers) {
            this.number = number;
            this.sender = sender;
            this.chat = chat;
            this.receivers = receivers;
        }
    }

    /** What one device received of one stream. */
    private static final class Received {
        final BitSet got = new BitSet();
        int highest = -1;
    }

    private final List<Stream> streams = new ArrayList<>();
    private final Map<String, Received> received = new HashMap<>();
    private final java.util.Set<Long> shownTwice = new java.util.HashSet<>();
    private long arrivedLate;
    private long pushedAgain;
    private long refusals;
    private final Map<String, Integer> refusalCodes = new java.util.TreeMap<>();

    synchronized Stream addStream(ChaosDevice sender, String chat, List<ChaosDevice> receivers) {
        Stream stream = new Stream(streams.size(), sender, chat, receivers);
        streams.add(stream);
        return stream;
    }

    synchronized List<Stream> streams() {
        return List.copyOf(streams);
    }

    synchronized Outgoing next(Stream stream, dev.chat.load.client.Recipient to, long now) {
        int seq = stream.created++;
        stream.createdAt.put(seq, now);
        return new Outgoing(stream.number, seq, to, now);
    }

    synchronized void attempted(Outgoing message, long now) {
        Stream stream = streams.get(message.stream());
        stream.attempts.merge(message.seq(), 1, Integer::sum);
        stream.firstAttemptAt.putIfAbsent(message.seq(), now);
    }

    /** Its sender went offline while {@code message} waited for its ack: its ack time says nothing of the server. */
    synchronized void interrupted(Outgoing message) {
        streams.get(message.stream()).interrupted.add(message.seq());
    }

    synchronized void refused(String code) {
        refusals++;
        refusalCodes.merge(code, 1, Integer::sum);
    }

    /** How many sends were refused, by error code. */
    synchronized Map<String, Integer> refusalCodes() {
        return new java.util.TreeMap<>(refusalCodes);
    }

    /** For a run that did not settle: how many messages wait for an ack, and the first few missing deliveries. */
    synchronized String unsettledSummary() {
        long unacked = 0;
        List<String> missing = new ArrayList<>();
        for (Stream stream : streams) {
            unacked += stream.created - stream.ackedIds.size();
            for (String m : missing(stream)) {
                missing.add(stream.chat + ":" + m);
            }
        }
        return unacked + " unacknowledged, " + missing.size() + " deliveries missing "
                + missing.subList(0, Math.min(10, missing.size()));
    }

    /** The server acknowledged {@code message} as {@code messageId}. */
    synchronized void acked(Outgoing message, String messageId, long now) {
        Stream stream = streams.get(message.stream());
        String first = stream.ackedIds.putIfAbsent(message.seq(), messageId);
        if (first == null) {
            stream.ackedAt.put(message.seq(), now);
        } else if (!first.equals(messageId)) {
            shownTwice.add(key(message.stream(), message.seq()));
        }
    }

    /** {@code device} was pushed message {@code seq} of {@code stream} as {@code messageId}, in chat {@code chatId}. */
    synchronized void received(ChaosDevice device, int streamNumber, int seq, String messageId, String chatId, long now) {
        if (streamNumber < 0 || streamNumber >= streams.size()) {
            return;
        }
        Stream stream = streams.get(streamNumber);
        stream.chatId = chatId;
        String acked = stream.ackedIds.get(seq);
        if (acked != null && !acked.equals(messageId)) {
            shownTwice.add(key(streamNumber, seq));
        }
        Received r = received.computeIfAbsent(device.name() + "/" + streamNumber, k -> new Received());
        if (r.got.get(seq)) {
            pushedAgain++;
            return;
        }
        r.got.set(seq);
        if (seq < r.highest) {
            arrivedLate++;
        } else {
            r.highest = seq;
        }
        stream.deliveredAt.merge(seq, now, Math::max);
    }

    /** Whether every acknowledged message has reached every receiving device, and nothing waits for an ack. */
    synchronized boolean settled() {
        for (Stream stream : streams) {
            if (stream.ackedIds.size() < stream.created || !missing(stream).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The acknowledged messages of {@code stream} some receiving device lacks, as "device#seq". */
    synchronized List<String> missing(Stream stream) {
        List<String> missing = new ArrayList<>();
        for (ChaosDevice device : stream.receivers) {
            Received r = received.get(device.name() + "/" + stream.number);
            for (int seq : stream.ackedIds.keySet()) {
                if (r == null || !r.got.get(seq)) {
                    missing.add(device.name() + "#" + seq);
                }
            }
        }
        return missing;
    }

    /** Messages of {@code stream} whose message id orders them before the message sent before them. */
    synchronized List<Integer> outOfOrder(Stream stream) {
        List<Integer> late = new ArrayList<>();
        UUID previous = null;
        for (int seq = 0; seq < stream.created; seq++) {
            String id = stream.ackedIds.get(seq);
            if (id == null) {
                continue;
            }
            UUID current = UUID.fromString(id);
            if (previous != null && TimeUuids.compare(previous, current) >= 0) {
                late.add(seq);
            }
            previous = current;
        }
        return late;
    }

    /** The messages seen under two message ids, as {@link #key}s. */
    synchronized java.util.Set<Long> shownTwice() {
        return java.util.Set.copyOf(shownTwice);
    }

    /** One message's key: its stream and number. */
    static long key(int stream, int seq) {
        return ((long) stream << 32) | seq;
    }

    synchronized long arrivedLate() {
        return arrivedLate;
    }

    synchronized long pushedAgain() {
        return pushedAgain;
    }

    synchronized long refusals() {
        return refusals;
    }
}
