package dev.chat.load.workload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.load.client.ChatClient;
import dev.chat.load.measure.Latency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntBinaryOperator;
import java.util.function.LongSupplier;

/**
 * Numbered message streams between the load tool's clients, sent at a fixed total rate, and the
 * bookkeeping of what comes back.
 *
 * <p>Latency is measured from each message's <i>intended</i> send time (start + n / rate), not
 * from when the generator got round to sending it, so a generator or socket that falls behind
 * shows as latency instead of hiding the server's delay (coordinated omission). One thread sends
 * every stream's messages in turn, so each stream's messages leave in order.
 *
 * <p>Receivers acknowledge every message with {@code delivered}, batched per flush interval, as
 * a real client must: otherwise the messages stay pending.
 */
final class Traffic implements ChatClient.Listener {

    private record Stream(ChatClient sender, String toField, String toValue) {
    }

    private final String run = Frames.shortRunId();
    private final String padding;
    private final Latency latency;
    private final Latency ackLatency;
    private final IntBinaryOperator receiverSlot;
    private final List<Stream> streams = new ArrayList<>();
    private final Map<Integer, DeliveredAcks> acks = new ConcurrentHashMap<>();
    private final List<Phase> phases = new ArrayList<>();
    private final LongSupplier clock = System::nanoTime;

    /**
     * @param receiverSlot maps (stream, receiving client's index) to the receiver's slot in the
     *                     stream's ledger
     */
    Traffic(int bodyLength, Latency latency, Latency ackLatency, IntBinaryOperator receiverSlot) {
        this.padding = Frames.padding(bodyLength);
        this.latency = latency;
        this.ackLatency = ackLatency;
        this.receiverSlot = receiverSlot;
    }

    int addStream(ChatClient sender, String toField, String toValue) {
        streams.add(new Stream(sender, toField, toValue));
        return streams.size() - 1;
    }

    int streamCount() {
        return streams.size();
    }

    synchronized Phase newPhase(double rate, int receiversPerStream) {
        Phase phase = new Phase(phases.size(), rate, streams.size(), receiversPerStream);
        phases.add(phase);
        return phase;
    }

    private synchronized Phase phase(int number) {
        return number >= 0 && number < phases.size() ? phases.get(number) : null;
    }

    /** Sends every receiver's gathered acknowledgements; called every flush interval. */
    void flushAcks() {
        acks.values().forEach(DeliveredAcks::flush);
    }

    /**
     * Sends {@code rate} messages per second over all streams for {@code duration}, then returns.
     * Latency counts towards the phase's histograms after {@code warmup}.
     */
    void send(Phase phase, Duration warmup, Duration duration) {
        long periodNanos = Math.max(1, Math.round(1e9 / phase.targetRate));
        long start = clock.getAsLong();
        long measureFrom = start + warmup.toNanos();
        long end = start + duration.toNanos();
        int streamCount = streams.size();
        long total = duration.toNanos() / periodNanos;
        phase.measuring = warmup.isZero();
        latency.counting(warmup.isZero());
        for (long i = 0; i < total; i++) {
            long intended = start + i * periodNanos;
            long wait = intended - clock.getAsLong();
            if (wait > 20_000) {
                LockSupport.parkNanos(wait);
            }
            if (!phase.measuring && intended >= measureFrom) {
                phase.measuring = true;
                latency.counting(true);
            }
            int s = (int) (i % streamCount);
            int seq = (int) (i / streamCount);
            Stream stream = streams.get(s);
            phase.ledger.sent(s);
            stream.sender().send(Frames.send(run, new Frames.Numbered(phase.number, s, seq, intended), stream.toField(),
                    stream.toValue(), padding));
            phase.sentCount = i + 1;
            if (clock.getAsLong() > end + 1_000_000_000L) {
                break;
            }
        }
        phase.sendingNanos = clock.getAsLong() - start;
    }

    /**
     * Waits until every message of {@code phase} has been acknowledged or refused and every
     * acknowledged one has reached all its receivers, or {@code timeout}; true if it got there.
     */
    boolean drain(Phase phase, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var counts = phase.ledger.counts();
            if (counts.lost() == 0 && counts.acked() + counts.refused() >= counts.sent()) {
                return true;
            }
            if (System.nanoTime() >= deadline) {
                return false;
            }
            LockSupport.parkNanos(100_000_000L);
        }
    }

    @Override
    public void onFrame(ChatClient client, String type, JsonNode frame) {
        long now = clock.getAsLong();
        switch (type) {
            case "message" -> {
                Frames.Numbered m = Frames.fromBody(frame.path("body").asText());
                Phase phase = m == null ? null : phase(m.phase());
                if (phase == null) {
                    return;
                }
                latency.record(now - m.intendedNanos());
                phase.delivered(now - m.intendedNanos());
                phase.ledger.received(m.stream(), receiverSlot.applyAsInt(m.stream(), client.index()), m.seq());
                acks.computeIfAbsent(client.index(), i -> new DeliveredAcks(client))
                        .add(frame.path("chatId").asText(), frame.path("from").asText(), frame.path("messageId").asText());
            }
            case "ack" -> {
                Frames.Numbered m = Frames.fromClientId(frame.path("id").asText());
                Phase phase = m == null ? null : phase(m.phase());
                if (phase != null) {
                    phase.ledger.acked(m.stream(), m.seq());
                    ackLatency.record(now - m.intendedNanos());
                    phase.acked(now - m.intendedNanos());
                }
            }
            case "error" -> {
                Frames.Numbered m = Frames.fromClientId(frame.path("id").asText(""));
                Phase phase = m == null ? currentPhase() : phase(m.phase());
                if (phase != null) {
                    if (m != null) {
                        phase.ledger.refused(m.stream());
                    }
                    phase.error(frame.path("code").asText("unknown"));
                }
            }
            default -> {
            }
        }
    }

    private synchronized Phase currentPhase() {
        return phases.isEmpty() ? null : phases.get(phases.size() - 1);
    }
}
