package dev.chat.stack.launcher;

import dev.chat.stack.servers.JavaRuntimes;
import dev.chat.stack.servers.ServiceInstances;
import dev.chat.stack.servers.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Warms a freshly started stack before it is reported ready: the load tool (its {@code pairs}
 * workload) runs messages between {@value #PAIRS} pairs of warm-up accounts through every gateway
 * at {@value #RATE} messages a second, receivers acknowledging as clients do, then (its
 * {@code group} workload) {@value #GROUP_RATE} messages a second for {@value #GROUP_SECONDS} s (or
 * the warm-up's seconds, if fewer) in a group of {@value #GROUP_MEMBERS} warm-up accounts. Every process then has its connect, send,
 * store, publish, delivery and receipt code, of one-to-one chats and of groups, compiled by the
 * JIT before the first user arrives; a stack taken cold served its first minute at a p99 of about
 * two seconds (docs/benchmarks.md, *fresh*), and a group of 256 at 20 messages a second its first
 * 40 s at a p99 of seconds (issue 16, fifth pass).
 *
 * <p>The accounts are registered on the first warm-up of a data folder and kept in
 * {@code <data-dir>/warm-up/users} and {@code group-users} for later starts; their messages stay
 * in the stack's data like any other. The warm-up's log and results go to {@code <data-dir>/warm-up}. It needs the load
 * tool's jar (built by {@code ./mvnw install}); without it the stack starts cold, with a note.
 */
final class StackWarmUp {

    static final int PAIRS = 100;
    static final int RATE = 300;
    static final int GROUP_MEMBERS = 128;
    static final int GROUP_RATE = 10;
    static final int GROUP_SECONDS = 20;
    private static final Duration DRAIN = Duration.ofSeconds(20);
    private static final Duration GROUP_DRAIN = Duration.ofSeconds(10);

    private StackWarmUp() {
    }

    /** The outcome of a warm-up or of one of its phases, for the launcher to print. */
    record Outcome(boolean ran, boolean completed, String summary) {
    }

    static Outcome run(Path repository, Path home, Map<String, Integer> ports, int gateways, int seconds) {
        Path jar = loadToolJar(repository);
        if (jar == null) {
            return new Outcome(false, false, "the load tool is not built (./mvnw install), so the stack starts cold");
        }
        Path folder = home.resolve("warm-up");
        Outcome pairs = phase("warm-up", jar, folder, home, ports, gateways, seconds, DRAIN, List.of("pairs",
                "--pairs", Integer.toString(PAIRS), "--rate", Integer.toString(RATE),
                "--users-file", folder.resolve("users").toString()));
        if (!pairs.completed()) {
            return pairs;
        }
        Outcome group = phase("warm-up-group", jar, folder, home, ports, gateways, Math.min(GROUP_SECONDS, seconds), GROUP_DRAIN,
                List.of("group", "--members", Integer.toString(GROUP_MEMBERS), "--senders", "2",
                        "--rate", Integer.toString(GROUP_RATE), "--users-file", folder.resolve("group-users").toString()));
        return new Outcome(true, group.completed(), pairs.summary() + "; " + group.summary());
    }

    /** One run of the load tool; its outcome carries the run's summary line, or what went wrong. */
    private static Outcome phase(String name, Path jar, Path folder, Path home, Map<String, Integer> ports,
            int gateways, int seconds, Duration drain, List<String> workload) {
        List<String> command = new ArrayList<>(List.of(JavaRuntimes.current(), "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC",
                "-jar", jar.toString()));
        command.addAll(workload);
        command.addAll(List.of("--warmup", "0", "--duration", Integer.toString(seconds),
                "--drain", Long.toString(drain.toSeconds()), "--progress", "10",
                "--results", folder.resolve("results").toString(), "--keys", home.resolve("keys").toString(),
                "--contacts", "http://127.0.0.1:" + ports.get("contacts"),
                "--messages", "http://127.0.0.1:" + ports.get("message")));
        for (int i = 1; i <= gateways; i++) {
            command.addAll(List.of("--gateway", "ws://127.0.0.1:" + ServiceInstances.port(ports, "gateway", i) + "/ws"));
        }
        ManagedProcess loadTool = ManagedProcess.start(name, command, folder, Map.of(),
                folder.resolve(name + ".log"), home.resolve("pids"));
        // Ctrl-C during the warm-up stops the load tool too, like every other child.
        Thread stopOnExit = new Thread(() -> loadTool.stop(Duration.ofSeconds(2)), name + "-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        // Registration (first start only) and connecting come before the measured seconds.
        OptionalInt exit = loadTool.awaitExit(Duration.ofSeconds(seconds).plus(drain).plusMinutes(2));
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway, and finds the load tool stopped
        }
        String summary = summaryLine(loadTool.logFile());
        if (exit.isEmpty()) {
            return new Outcome(true, false, "the warm-up did not finish in time and was stopped; see " + loadTool.logFile());
        }
        boolean completed = exit.getAsInt() == 0 && summary != null;
        return new Outcome(true, completed, completed ? summary
                : "the warm-up ended with code " + exit.getAsInt() + "; see " + loadTool.logFile());
    }

    private static Path loadToolJar(Path repository) {
        try (Stream<Path> jars = Files.list(repository.resolve("load-tool/target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("load-tool-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-sources.jar")).findFirst().orElse(null);
        } catch (IOException e) {
            return null; // not built
        }
    }

    private static String summaryLine(Path log) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(l -> l.startsWith("SUMMARY ")).map(l -> l.substring("SUMMARY ".length()))
                    .reduce((first, last) -> last).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
