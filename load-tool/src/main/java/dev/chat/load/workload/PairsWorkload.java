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

    public PairsWorkload(RunSettings settings, int pairs, double rate, Duration warmup, Duration duration, Duration drain) {
        Pairs.checkRate(rate, pairs);
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
