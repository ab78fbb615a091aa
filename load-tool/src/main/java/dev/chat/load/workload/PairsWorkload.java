package dev.chat.load.workload;

import java.nio.file.Path;
import java.time.Duration;

/**
 * {@code pairs}: P sender→receiver pairs at a total rate R for a duration (after a warm-up that
 * is sent but not measured), then waits for stragglers and reports end-to-end latency from the
 * intended send time, ack latency, and lost, duplicated and out-of-order messages.
 */
public final class PairsWorkload {

    private final RunSettings settings;
    private final int pairs;
    private final double rate;
    private final Duration warmup;
    private final Duration duration;
    private final Duration drain;
    private final int reactionsPercent;

    public PairsWorkload(RunSettings settings, int pairs, double rate, Duration warmup, Duration duration, Duration drain) {
        this(settings, pairs, rate, warmup, duration, drain, 0);
    }

    /** @param reactionsPercent beside that share of the messages, a reaction to the stream's latest acknowledged one */
    public PairsWorkload(RunSettings settings, int pairs, double rate, Duration warmup, Duration duration, Duration drain,
            int reactionsPercent) {
        if (reactionsPercent < 0 || reactionsPercent > 100) {
            throw new IllegalArgumentException("--reactions is a share of the messages, 0 to 100 (%)");
        }
        Pairs.checkRate(rate * (1 + reactionsPercent / 100.0), pairs);
        this.reactionsPercent = reactionsPercent;
        this.settings = settings;
        this.pairs = pairs;
        this.rate = rate;
        this.warmup = warmup;
        this.duration = duration;
        this.drain = drain;
    }

    public Path run() {
        try (Run run = new Run(settings, "pairs"); Pairs setup = new Pairs(run, pairs)) {
            run.parameters.put("pairs", pairs);
            run.parameters.put("rate", rate);
            run.parameters.put("warmupSeconds", warmup.toSeconds());
            run.parameters.put("durationSeconds", duration.toSeconds());
            run.parameters.put("bodyLength", settings.bodyLength());
            run.parameters.put("reactionsPercent", reactionsPercent);
            setup.traffic.reactWith(reactionsPercent);
            Phase phase = setup.traffic.newPhase(rate, 1);
            run.showing(phase, "received");
            Run.say("[pairs] sending " + rate + " messages/s over " + pairs + " pairs for " + warmup.toSeconds() + " s warm-up + "
                    + duration.toSeconds() + " s");
            setup.traffic.send(phase, warmup, warmup.plus(duration));
            boolean drained = setup.traffic.drain(phase, drain);
            return run.finish(Outcome.of(phase, drained).record(run.results));
        }
    }
}
