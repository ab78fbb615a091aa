package dev.chat.load.workload;

import dev.chat.load.measure.DeliveryLedger;
import java.util.Map;

/** How a phase of traffic ended: its counts, latency and whether it met a p99 bound. */
record Outcome(Phase phase, DeliveryLedger.Counts counts, boolean drained) {

    static Outcome of(Phase phase, boolean drained) {
        return new Outcome(phase, phase.ledger.counts(), drained);
    }

    /** Clean (nothing lost, duplicated, reordered or refused), the generator kept up, and p99 within the bound. */
    boolean passes(double p99BoundMs) {
        return counts.clean() && counts.refused() == 0 && drained && phase.p99Ms() <= p99BoundMs
                && phase.achievedRate() >= 0.95 * phase.targetRate;
    }

    /** Puts the figures into {@code results}; returns the summary line. */
    String record(Map<String, Object> results) {
        results.put("targetRate", phase.targetRate);
        results.put("achievedSendRate", Math.round(phase.achievedRate()));
        results.put("sent", counts.sent());
        results.put("acked", counts.acked());
        results.put("refused", counts.refused());
        results.put("refusedByCode", phase.errors());
        results.put("received", counts.received());
        results.put("lost", counts.lost());
        results.put("duplicated", counts.duplicated());
        results.put("storedTwice", counts.storedTwice());
        results.put("outOfOrder", counts.outOfOrder());
        results.put("drained", drained);
        results.put("deliveryLatencyMs", phase.deliveryLatency());
        results.put("ackLatencyMs", phase.ackLatency());
        if (phase.attachmentsSent.get() > 0) {
            results.put("sentWithAttachment", phase.attachmentsSent.get());
        }
        if (phase.reactions.sentCount() > 0) {
            results.put("reactions", phase.reactions.summary());
        }
        return line();
    }

    String line() {
        Map<String, Object> latency = phase.deliveryLatency();
        return String.format("rate %.0f/s (sent %.0f/s): %d sent, %d acked, %d received, %d lost, %d duplicated (%d stored twice), %d out of order, "
                + "%d refused; delivery p50 %s ms p99 %s ms max %s ms", phase.targetRate, phase.achievedRate(), counts.sent(),
                counts.acked(), counts.received(), counts.lost(), counts.duplicated(), counts.storedTwice(), counts.outOfOrder(), counts.refused(),
                latency.get("p50Ms"), latency.get("p99Ms"), latency.get("maxMs")) + reactionsLine();
    }

    private String reactionsLine() {
        if (phase.reactions.sentCount() == 0) {
            return "";
        }
        Map<String, Object> r = phase.reactions.summary();
        @SuppressWarnings("unchecked")
        Map<String, Object> latency = (Map<String, Object>) r.get("deliveryLatencyMs");
        return String.format("; reactions: %s sent, %s acked, %s received, %s lost, %s duplicated, %s refused; delivery p50 %s ms"
                + " p99 %s ms", r.get("sent"), r.get("acked"), r.get("received"), r.get("lost"), r.get("duplicated"),
                r.get("refused"), latency.get("p50Ms"), latency.get("p99Ms"));
    }
}
