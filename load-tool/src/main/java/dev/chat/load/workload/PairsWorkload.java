package dev.chat.load.workload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
    private final int attachmentsPercent;
    private final int attachmentSize;

    public PairsWorkload(RunSettings settings, int pairs, double rate, Duration warmup, Duration duration, Duration drain) {
        this(settings, pairs, rate, warmup, duration, drain, 0, 0, 0);
    }

    /**
     * @param reactionsPercent beside that share of the messages, a reaction to the stream's latest acknowledged one
     * @param attachmentsPercent that share of the messages carries an attachment of {@code attachmentSize} bytes,
     *     one uploaded per pair before the run
     */
    public PairsWorkload(RunSettings settings, int pairs, double rate, Duration warmup, Duration duration, Duration drain,
            int reactionsPercent, int attachmentsPercent, int attachmentSize) {
        if (reactionsPercent < 0 || reactionsPercent > 100 || attachmentsPercent < 0 || attachmentsPercent > 100) {
            throw new IllegalArgumentException("--reactions and --attachments are shares of the messages, 0 to 100 (%)");
        }
        if (attachmentsPercent > 0 && attachmentSize < 1) {
            throw new IllegalArgumentException("--attachment-size must be at least 1 byte");
        }
        this.attachmentsPercent = attachmentsPercent;
        this.attachmentSize = attachmentSize;
        Pairs.checkRate(rate * (1 + reactionsPercent / 100.0), pairs);
        this.reactionsPercent = reactionsPercent;
        this.settings = settings;
        this.pairs = pairs;
        this.rate = rate;
        this.warmup = warmup;
        this.duration = duration;
        this.drain = drain;
    }

    /** One attachment per pair, uploaded by its sender; the time it took goes into the results. */
    private Map<Integer, String> uploadOnePerPair(Run run, Pairs setup) {
        byte[] bytes = new byte[attachmentSize];
        new Random(1).nextBytes(bytes);
        long start = System.nanoTime();
        Map<Integer, String> byStream = IntStream.range(0, pairs).parallel().boxed()
                .collect(Collectors.toConcurrentMap(k -> k, k -> settings.protocol()
                        .uploadAttachment(setup.clients.get(2 * k).user(), bytes, "application/octet-stream")));
        double seconds = (System.nanoTime() - start) / 1e9;
        run.results.put("attachmentUploads", Map.of("count", pairs, "seconds", Math.round(seconds * 100) / 100.0));
        Run.say(String.format("[pairs] uploaded %d attachments of %d bytes in %.1f s", pairs, attachmentSize, seconds));
        return byStream;
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
            run.parameters.put("attachmentsPercent", attachmentsPercent);
            if (attachmentsPercent > 0) {
                run.parameters.put("attachmentSize", attachmentSize);
                setup.traffic.attachWith(attachmentsPercent, uploadOnePerPair(run, setup));
            }
            Phase phase = setup.traffic.newPhase(rate, 1);
            run.showing(phase, "received");
            Run.say("[pairs] sending " + rate + " messages/s over " + pairs + " pairs for " + warmup.toSeconds() + " s warm-up + "
                    + duration.toSeconds() + " s");
            Run.collectSetUpGarbage();
            setup.traffic.send(phase, warmup, warmup.plus(duration));
            boolean drained = setup.traffic.drain(phase, drain);
            return run.finish(Outcome.of(phase, drained).record(run.results));
        }
    }
}
