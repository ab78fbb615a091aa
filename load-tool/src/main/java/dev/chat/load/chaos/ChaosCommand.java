package dev.chat.load.chaos;

import dev.chat.stack.launcher.LocalStackLauncher;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code load-tool chaos}: the chaos run of docs/reliability.md. Exit status 0 when every check
 * passed, 1 when one failed, 2 for bad options.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Starts a replicated stack of its own (three Cassandra and three Kafka nodes, Redis with a replica and "
                + "Sentinels, two instances of every service; the local stack's default ports must be free), drives "
                + "one-to-one and group traffic through clients that behave as the apps do (outbox, resend with the same "
                + "id, reconnect, delivered acknowledgements) while devices go offline and back, injects every fault once "
                + "on a seeded schedule, lets everything settle, then checks every device: nothing acknowledged lost, "
                + "nothing shown twice, order per chat, history and unread counts, nothing acknowledged but not stored. "
                + "Prints a verdict per fault and writes a JSON report (docs/reliability.md).",
                "Faults: " + "gateway-killed, message-service-killed, delivery-service-killed, kafka-node-killed, "
                        + "cassandra-node-killed, redis-primary-killed, redis-restarted-empty, process-frozen, node-partitioned "
                        + "(needs root and the ip command; skipped otherwise)."})
public final class ChaosCommand implements Callable<Integer> {

    @Option(names = "--seed", paramLabel = "N", description = "seed of the fault order, targets, gaps and offline devices (default: random, printed)")
    Long seed;

    @Option(names = "--messages", defaultValue = "10000", description = "messages in all (default: ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--rate", defaultValue = "0", description = "messages per second handed to the clients (default: the messages spread over the fault schedule, about 30/s)")
    double rate;

    @Option(names = "--pairs", defaultValue = "100", description = "one-to-one sender and receiver pairs (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(names = "--group-members", defaultValue = "16", description = "members of the one group (default: ${DEFAULT-VALUE})")
    int groupMembers;

    @Option(names = "--group-senders", defaultValue = "4", description = "members that send to the group; a fifth of the messages (default: ${DEFAULT-VALUE})")
    int groupSenders;

    @Option(names = "--faults", split = ",", paramLabel = "NAME", description = "the faults to inject (default: all)")
    List<String> faults;

    @Option(names = "--lead-in", defaultValue = "60", paramLabel = "SECONDS",
            description = "traffic before the first fault, the baseline (default: ${DEFAULT-VALUE})")
    int leadIn;

    @Option(names = "--fault-interval", defaultValue = "25", paramLabel = "SECONDS",
            description = "about this long from one fault's undoing to the next injection (seeded, 2/3 to 4/3 of it) (default: ${DEFAULT-VALUE})")
    int faultInterval;

    @Option(names = "--settle-timeout", defaultValue = "180", paramLabel = "SECONDS",
            description = "how long to wait after the traffic for every message to be acknowledged and delivered (default: ${DEFAULT-VALUE})")
    int settleTimeout;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the stack's data and logs (default: target/chaos-<time> in the current folder)")
    Path dataDir;

    @Option(names = "--report", paramLabel = "FILE", description = "the JSON report (default: <data-dir>/chaos-report.json)")
    Path report;

    @Override
    public Integer call() {
        ChaosSettings settings = settings();
        if (settings == null) {
            return 2;
        }
        try {
            return new ChaosRun(settings).run(LocalStackLauncher.repositoryRoot()) ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("chaos: " + e.getMessage());
            return 1;
        }
    }

    /**
     * Runs the checks and faults these options describe (as on the command line) on a stack that
     * is already started, which stays up afterwards; true when every check passed. The system
     * tests' short scenario shares its stack so with other checks of the replicated servers.
     */
    public static boolean runOn(ChaosStack stack, String... options) {
        ChaosCommand command = new ChaosCommand();
        new CommandLine(command).parseArgs(options);
        ChaosSettings settings = command.settings();
        if (settings == null) {
            throw new IllegalArgumentException("bad chaos options: " + String.join(" ", options));
        }
        return new ChaosRun(settings).runOn(stack);
    }

    /** The settings the options give; null, with the reason on standard error, when they are bad. */
    private ChaosSettings settings() {
        if (messages < 1 || rate < 0 || pairs < 1 || groupMembers < 2 || groupSenders < 1 || groupSenders > groupMembers
                || leadIn < 0 || faultInterval < 0 || settleTimeout < 1) {
            System.err.println("chaos: --messages, --pairs and --settle-timeout must be positive, --rate, --lead-in and"
                    + " --fault-interval not negative, a group has 2 or more members and 1 to M senders");
            return null;
        }
        List<Fault> chosen;
        try {
            chosen = faults == null ? Arrays.asList(Fault.values())
                    : faults.stream().map(f -> Fault.valueOf(f.trim().toUpperCase().replace('-', '_'))).toList();
        } catch (IllegalArgumentException e) {
            System.err.println("chaos: unknown fault in " + faults + "; known: "
                    + Arrays.stream(Fault.values()).map(Fault::label).toList());
            return null;
        }
        Path dir = dataDir != null ? dataDir
                : Path.of("target", "chaos-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return new ChaosSettings(seed != null ? seed : ThreadLocalRandom.current().nextLong(1_000_000),
                messages, rate, pairs, groupMembers, groupSenders, chosen, Duration.ofSeconds(leadIn), Duration.ofSeconds(faultInterval),
                Duration.ofSeconds(settleTimeout), dir.toAbsolutePath(), report != null ? report : dir.resolve("chaos-report.json"));
    }
}
