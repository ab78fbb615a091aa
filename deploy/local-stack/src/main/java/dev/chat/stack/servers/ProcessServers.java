package dev.chat.stack.servers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Cassandra, Kafka and Redis (any subset) as child processes on loopback, each in its own
 * folder under one home folder. Start-up runs the servers in parallel and returns once all
 * answer; {@link #close} stops all of them by pid.
 */
public final class ProcessServers implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Map<Server, LocalServer> servers = new EnumMap<>(Server.class);
    private final ServerPorts ports;
    private final Thread stopOnExit = new Thread(this::stopAll, "stop-local-servers");

    public ProcessServers(Path home, ServerPorts ports, Set<Server> which, String cassandraMaxHeap) {
        this.ports = ports;
        Path pids = home.resolve("pids");
        if (which.contains(Server.CASSANDRA)) {
            servers.put(Server.CASSANDRA, new CassandraServer(home.resolve("cassandra"), pids, ports.cassandra(),
                    ports.cassandraStorage(), cassandraMaxHeap));
        }
        if (which.contains(Server.KAFKA)) {
            servers.put(Server.KAFKA, new KafkaServer(home.resolve("kafka"), pids, ports.kafka(), ports.kafkaController()));
        }
        if (which.contains(Server.REDIS)) {
            servers.put(Server.REDIS, new RedisServer(home.resolve("redis"), pids, ports.redis()));
        }
    }

    /** Starts every server; on any failure stops those already started and rethrows its reason. */
    public ProcessServers start() {
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (LocalServer server : servers.values()) {
            starts.add(CompletableFuture.runAsync(() -> server.start(START_TIMEOUT)));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return this;
    }

    public ServerPorts ports() {
        return ports;
    }

    public Set<Server> servers() {
        return servers.keySet();
    }

    public LocalServer server(Server which) {
        LocalServer server = servers.get(which);
        if (server == null) {
            throw new IllegalArgumentException(which + " is not part of this stack");
        }
        return server;
    }

    public String cassandraContactPoint() {
        return "127.0.0.1:" + ports.cassandra();
    }

    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + ports.kafka();
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + ports.redis();
    }

    /**
     * Stops every server, by pid. A JVM that exits without calling this (a test JVM ended by
     * SIGTERM) stops them in a shutdown hook.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException | IllegalArgumentException alreadyExitingOrNotStarted) {
            // the hook runs, or was never added
        }
        stopAll();
    }

    private void stopAll() {
        List<LocalServer> reversed = new ArrayList<>(servers.values());
        java.util.Collections.reverse(reversed);
        reversed.parallelStream().forEach(LocalServer::stop);
    }
}
