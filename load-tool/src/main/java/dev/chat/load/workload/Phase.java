package dev.chat.load.workload;

import dev.chat.load.measure.DeliveryLedger;
import dev.chat.load.measure.Latency;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * One measured stretch of traffic (a whole pairs run, or one step of a ramp): its own ledger,
 * its own latency histograms (only while {@link #measuring}, so warm-up is excluded) and its
 * refusals by error code. Its messages carry its number, so stragglers are counted where they
 * belong even after the next phase has begun.
 */
final class Phase {

    final int number;
    final double targetRate;
    final DeliveryLedger ledger;
    /** The phase's reactions, apart from its messages ({@code pairs --reactions}). */
    final ReactionLedger reactions = new ReactionLedger();
    /** How many of the phase's messages carried an attachment ({@code pairs --attachments}). */
    final AtomicLong attachmentsSent = new AtomicLong();
    private final Histogram delivery = new Histogram(60_000_000L, 3);
    private final Histogram ack = new Histogram(60_000_000L, 3);
    private final Map<String, Long> errors = new TreeMap<>();
    volatile boolean measuring;
    volatile long sendingNanos;
    volatile long sentCount;

    Phase(int number, double targetRate, int streams, int receiversPerStream) {
        this.number = number;
        this.targetRate = targetRate;
        this.ledger = new DeliveryLedger(streams, receiversPerStream);
    }

    void delivered(long nanos) {
        if (measuring) {
            synchronized (delivery) {
                delivery.recordValue(Math.min(60_000_000L, Math.max(0, nanos / 1000)));
            }
        }
    }

    void acked(long nanos) {
        if (measuring) {
            synchronized (ack) {
                ack.recordValue(Math.min(60_000_000L, Math.max(0, nanos / 1000)));
            }
        }
    }

    synchronized void error(String code) {
        errors.merge(code, 1L, Long::sum);
    }

    synchronized Map<String, Long> errors() {
        return new TreeMap<>(errors);
    }

    Map<String, Object> deliveryLatency() {
        synchronized (delivery) {
            return Latency.summary(delivery);
        }
    }

    Map<String, Object> ackLatency() {
        synchronized (ack) {
            return Latency.summary(ack);
        }
    }

    double p99Ms() {
        synchronized (delivery) {
            return Latency.millis(delivery.getValueAtPercentile(99));
        }
    }

    /** Messages per second the generator actually sent, over the sending time. */
    double achievedRate() {
        return sendingNanos == 0 ? 0 : sentCount / (sendingNanos / 1e9);
    }
}
