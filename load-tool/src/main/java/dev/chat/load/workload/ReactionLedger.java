package dev.chat.load.workload;

import dev.chat.load.measure.Latency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The reactions of one phase ({@code pairs --reactions}): each is sent to the stream's latest
 * acknowledged message, at most one per message, beside the phase's messages. Counted apart from
 * them: sent, acknowledged, refused, received by the message's recipient, and delivery latency
 * from the intended send time, like a message's.
 */
final class ReactionLedger {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    /** The intended send time of the reaction to each message, until its recipient gets it. */
    private final Map<String, Long> intendedByTarget = new ConcurrentHashMap<>();
    private final Histogram delivery = new Histogram(60_000_000L, 3);

    void sent(String target, long intendedNanos) {
        intendedByTarget.put(target, intendedNanos);
        sent.incrementAndGet();
    }

    void acked() {
        acked.incrementAndGet();
    }

    void refused() {
        refused.incrementAndGet();
    }

    /** A reaction to {@code target} reached its recipient at {@code nowNanos}. */
    void received(String target, long nowNanos, boolean measuring) {
        Long intended = intendedByTarget.remove(target);
        if (intended == null) {
            duplicated.incrementAndGet();
            return;
        }
        received.incrementAndGet();
        if (measuring) {
            synchronized (delivery) {
                delivery.recordValue(Math.min(60_000_000L, Math.max(0, (nowNanos - intended) / 1000)));
            }
        }
    }

    long sentCount() {
        return sent.get();
    }

    /** Whether every acknowledged reaction reached its recipient and every one sent was answered. */
    boolean settled() {
        return received.get() >= acked.get() && acked.get() + refused.get() >= sent.get();
    }

    Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("sent", sent.get());
        summary.put("acked", acked.get());
        summary.put("refused", refused.get());
        summary.put("received", received.get());
        summary.put("lost", Math.max(0, acked.get() - received.get()));
        summary.put("duplicated", duplicated.get());
        synchronized (delivery) {
            summary.put("deliveryLatencyMs", Latency.summary(delivery));
        }
        return summary;
    }
}
