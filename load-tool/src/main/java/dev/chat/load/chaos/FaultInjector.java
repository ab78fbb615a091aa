package dev.chat.load.chaos;

import dev.chat.stack.servers.LocalServer;
import dev.chat.stack.servers.RedisServer;
import dev.chat.stack.servers.Server;
import dev.chat.stack.servers.ServiceProcess;
import dev.chat.stack.servers.Topology;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Injects one {@link Fault} into a {@link ChaosStack} and undoes it. Targets are drawn from the
 * run's seeded random source, so a seed repeats a run's targets.
 *
 * <p>A partition needs root and the {@code ip} command (Linux policy routing): the rule that looks
 * up local addresses is moved behind two blackhole rules for the node's address, so packets to and
 * from it are dropped while it runs on; healing restores the rules exactly. Where that is not
 * possible the fault is skipped and the report says why.
 */
final class FaultInjector {

    private static final Duration RESTART_TIMEOUT = Duration.ofMinutes(3);
    private static final int PARTITIONED_NODE = 3;

    private final ChaosStack stack;
    private final Random random;
    private final Thread healOnExit = new Thread(this::heal, "chaos-heal-partition");
    private String partitioned;

    FaultInjector(ChaosStack stack, Random random) {
        this.stack = stack;
        this.random = random;
    }

    /** Whether this machine lets the run drop packets between loopback addresses; null if so, else why not. */
    static String partitionUnavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "a partition needs root (ip rule)";
        }
        try {
            Process p = new ProcessBuilder("ip", "rule", "list").redirectErrorStream(true).start();
            return p.waitFor() == 0 ? null : "ip rule list failed";
        } catch (IOException e) {
            return "no ip command";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Injects {@code fault}; returns what it hit. Holding and undoing it is {@link #undo}'s. */
    Injected inject(Fault fault) {
        return switch (fault) {
            case GATEWAY_KILLED -> killService("gateway");
            case MESSAGE_SERVICE_KILLED -> killService("message");
            case DELIVERY_SERVICE_KILLED -> killService("delivery");
            case KAFKA_NODE_KILLED -> killServer(Server.KAFKA);
            case CASSANDRA_NODE_KILLED -> killServer(Server.CASSANDRA);
            case REDIS_PRIMARY_KILLED -> {
                RedisServer primary = stack.servers.redisPrimary();
                primary.kill();
                yield new Injected(primary.name(), () -> primary.start(RESTART_TIMEOUT));
            }
            case REDIS_RESTARTED_EMPTY -> {
                RedisServer primary = stack.servers.redisPrimary();
                primary.kill();
                primary.start(RESTART_TIMEOUT);
                yield new Injected(primary.name(), () -> { });
            }
            case PROCESS_FROZEN -> {
                String service = List.of("gateway", "message", "delivery").get(random.nextInt(3));
                ServiceProcess target = pick(stack.services.instances(service));
                signal("STOP", target.pid());
                yield new Injected(target.instance(), () -> signal("CONT", target.pid()));
            }
            case NODE_PARTITIONED -> {
                partition(Topology.REPLICATED.address(PARTITIONED_NODE));
                yield new Injected("node " + PARTITIONED_NODE + " (" + partitioned + ")", this::heal);
            }
        };
    }

    /** What a fault hit, and how it is undone. */
    record Injected(String target, Runnable undo) {
    }

    private Injected killService(String service) {
        ServiceProcess target = pick(stack.services.instances(service));
        target.kill();
        return new Injected(target.instance(), () -> stack.services.restart(target.instance()));
    }

    private Injected killServer(Server server) {
        LocalServer target = pick(stack.servers.nodes(server));
        target.kill();
        return new Injected(target.name(), () -> target.start(RESTART_TIMEOUT));
    }

    private <T> T pick(List<T> candidates) {
        return candidates.get(random.nextInt(candidates.size()));
    }

    private static void signal(String signal, long pid) {
        run("kill", "-" + signal, Long.toString(pid));
    }

    private synchronized void partition(String address) {
        Runtime.getRuntime().addShutdownHook(healOnExit);
        run("ip", "rule", "add", "from", "all", "lookup", "local", "priority", "5");
        run("ip", "rule", "del", "from", "all", "lookup", "local", "priority", "0");
        run("ip", "rule", "add", "to", address, "blackhole", "priority", "1");
        run("ip", "rule", "add", "from", address, "blackhole", "priority", "2");
        partitioned = address;
    }

    /** Undoes a partition, if one is in place; safe to call twice. */
    synchronized void heal() {
        if (partitioned == null) {
            return;
        }
        runQuietly("ip", "rule", "del", "to", partitioned, "blackhole", "priority", "1");
        runQuietly("ip", "rule", "del", "from", partitioned, "blackhole", "priority", "2");
        runQuietly("ip", "rule", "add", "from", "all", "lookup", "local", "priority", "0");
        runQuietly("ip", "rule", "del", "from", "all", "lookup", "local", "priority", "5");
        partitioned = null;
        try {
            Runtime.getRuntime().removeShutdownHook(healOnExit);
        } catch (IllegalStateException exiting) {
            // the hook is what runs this
        }
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void runQuietly(String... command) {
        try {
            run(command);
        } catch (IllegalStateException ignored) {
            // healing goes on with the next rule
        }
    }
}
