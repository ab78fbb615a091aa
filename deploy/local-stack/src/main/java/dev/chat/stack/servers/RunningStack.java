package dev.chat.stack.servers;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The record a running launcher leaves in its data folder ({@code stack.properties}): its pid and
 * the servers' ports and how many nodes each has. Tests use it to reuse a one-node stack a
 * developer already runs instead of starting their own servers; a replicated stack ({@code --cluster})
 * is not reused, since the tests expect their servers on 127.0.0.1.
 */
public record RunningStack(long launcherPid, ServerPorts ports) {

    static final String FILE = "stack.properties";

    public static void write(Path home, ServerPorts ports, Topology topology) {
        Properties p = new Properties();
        p.setProperty("launcher.pid", Long.toString(ProcessHandle.current().pid()));
        p.setProperty("nodes", Integer.toString(topology.nodes()));
        p.setProperty("cassandra.port", Integer.toString(ports.cassandra()));
        p.setProperty("cassandra.storage-port", Integer.toString(ports.cassandraStorage()));
        p.setProperty("kafka.port", Integer.toString(ports.kafka()));
        p.setProperty("kafka.controller-port", Integer.toString(ports.kafkaController()));
        p.setProperty("redis.port", Integer.toString(ports.redis()));
        p.setProperty("redis.sentinel-port", Integer.toString(ports.redisSentinel()));
        p.setProperty("s3.port", Integer.toString(ports.s3()));
        try (Writer out = Files.newBufferedWriter(home.resolve(FILE))) {
            p.store(out, "written by the local-stack launcher; removed when it stops");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void remove(Path home) {
        try {
            Files.deleteIfExists(home.resolve(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one-node stack recorded in {@code home}, if its launcher still runs. */
    public static Optional<RunningStack> find(Path home) {
        Path file = home.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
            long pid = Long.parseLong(p.getProperty("launcher.pid"));
            boolean replicated = Integer.parseInt(p.getProperty("nodes", "1")) > 1;
            if (!replicated && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(new RunningStack(pid, new ServerPorts(
                        Integer.parseInt(p.getProperty("cassandra.port")),
                        Integer.parseInt(p.getProperty("cassandra.storage-port")),
                        Integer.parseInt(p.getProperty("kafka.port")),
                        Integer.parseInt(p.getProperty("kafka.controller-port")),
                        Integer.parseInt(p.getProperty("redis.port")),
                        Integer.parseInt(p.getProperty("redis.sentinel-port",
                                Integer.toString(ServerPorts.DEFAULTS.redisSentinel()))),
                        Integer.parseInt(p.getProperty("s3.port", "-1")))));
            }
            return Optional.empty();
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** Whether every server in {@code needed} accepts connections now. */
    public boolean answers(Set<Server> needed) {
        return (!needed.contains(Server.CASSANDRA) || Ports.isOpen(ports.cassandra()))
                && (!needed.contains(Server.KAFKA) || Ports.isOpen(ports.kafka()))
                && (!needed.contains(Server.REDIS) || Ports.isOpen(ports.redis()))
                && (!needed.contains(Server.S3) || ports.s3() > 0 && Ports.isOpen(ports.s3()));
    }
}
