package dev.chat.load.workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ramp}: the highest rate P pairs sustain. Steps the total rate up from a start by a fixed
 * increment, each step for a fixed time on the same sockets, until a step fails (p99 over the
 * bound, anything lost, duplicated, out of order or refused, or the generator could not keep up),
 * then bisects between the last passing and the first failing rate. The answer is the highest
 * rate that passed. An optional warm-up at the start rate comes first and is reported but not
 * judged: a freshly started system is many times slower in its first minutes (JIT compilation,
 * Cassandra's own warm-up), which would otherwise decide the first step.
 */
public final class RampWorkload {

    private final RunSettings settings;
    private final int pairs;
    private final double startRate;
    private final double stepRate;
    private final Duration stepDuration;
    private final double p99BoundMs;
    private final int bisections;
    private final Duration warmup;

    public RampWorkload(RunSettings settings, int pairs, double startRate, double stepRate, Duration stepDuration,
            double p99BoundMs, int bisections, Duration warmup) {
        Pairs.checkRate(startRate, pairs);
        this.settings = settings;
        this.pairs = pairs;
        this.startRate = startRate;
        this.stepRate = stepRate;
        this.stepDuration = stepDuration;
        this.p99BoundMs = p99BoundMs;
        this.bisections = bisections;
        this.warmup = warmup;
    }

    public Path run() {
        try (Run run = new Run(settings, "ramp"); Pairs setup = new Pairs(run, pairs)) {
            run.parameters.put("pairs", pairs);
            run.parameters.put("startRate", startRate);
            run.parameters.put("stepRate", stepRate);
            run.parameters.put("stepSeconds", stepDuration.toSeconds());
            run.parameters.put("p99BoundMs", p99BoundMs);
            run.parameters.put("bisections", bisections);
            run.parameters.put("warmupSeconds", warmup.toSeconds());
            if (!warmup.isZero()) {
                run.results.put("warmUp", warmUp(run, setup));
            }
            List<Map<String, Object>> steps = new ArrayList<>();
            double ceiling = Pairs.MAX_RATE_PER_SENDER * pairs;
            double passed = 0;
            double failed = 0;
            for (double rate = startRate; rate <= ceiling; rate += stepRate) {
                if (step(run, setup, rate, steps)) {
                    passed = rate;
                } else {
                    failed = rate;
                    break;
                }
            }
            for (int i = 0; i < bisections && failed > 0 && failed - passed > stepRate / 8; i++) {
                double rate = Math.round((passed + failed) / 2);
                if (step(run, setup, rate, steps)) {
                    passed = rate;
                } else {
                    failed = rate;
                }
            }
            run.results.put("steps", steps);
            run.results.put("highestPassingRate", passed);
            run.results.put("lowestFailingRate", failed == 0 ? null : failed);
            String summary = failed == 0
                    ? String.format("every step up to %.0f/s passed (p99 ≤ %.0f ms, nothing lost); the %d pairs allow no more: "
                            + "use more pairs", passed, p99BoundMs, pairs)
                    : String.format("highest sustained rate %.0f messages/s with p99 ≤ %.0f ms and nothing lost (%.0f/s failed)",
                            passed, p99BoundMs, failed);
            return run.finish(summary);
        }
    }

    private Map<String, Object> warmUp(Run run, Pairs setup) {
        Phase phase = setup.traffic.newPhase(startRate, 1);
        run.showing(phase, "received");
        Run.say(String.format("[ramp] warm-up: %.0f messages/s for %d s, not judged", startRate, warmup.toSeconds()));
        setup.traffic.send(phase, Duration.ZERO, warmup);
        Outcome outcome = Outcome.of(phase, setup.traffic.drain(phase, Duration.ofSeconds(30)));
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        outcome.record(row);
        Run.say("[ramp] warm-up done: " + outcome.line());
        return row;
    }

    private boolean step(Run run, Pairs setup, double rate, List<Map<String, Object>> steps) {
        Phase phase = setup.traffic.newPhase(rate, 1);
        run.showing(phase, "received");
        Run.say(String.format("[ramp] step %d: %.0f messages/s for %d s", phase.number + 1, rate, stepDuration.toSeconds()));
        setup.traffic.send(phase, Duration.ofSeconds(Math.min(5, stepDuration.toSeconds() / 4)), stepDuration);
        boolean drained = setup.traffic.drain(phase, Duration.ofSeconds(15));
        Outcome outcome = Outcome.of(phase, drained);
        boolean passes = outcome.passes(p99BoundMs);
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("passed", passes);
        outcome.record(row);
        steps.add(row);
        Run.say("[ramp] step " + (phase.number + 1) + (passes ? " passed: " : " FAILED: ") + outcome.line());
        return passes;
    }
}
