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
import java.util.function.Consumer;
import redis.clients.jedis.HostAndPort;

/**
 * Cassandra, Kafka, Redis and an S3 API (any subset) as child processes on loopback, each node in its own
 * folder under one home folder: one node of each, or a replicated {@link Topology} (three Cassandra
 * and Kafka nodes; a Redis primary, its replica and three Sentinels). Start-up runs the servers in parallel (a replicated Cassandra's seed first, since the others
 * join through it) and returns once every node answers and, when replicated, once every node sees
 * the others; {@link #close} stops all of them by pid.
 */
public final class ProcessServers implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Map<Server, List<LocalServer>> servers = new EnumMap<>(Server.class);
    private final List<RedisSentinel> sentinels = new ArrayList<>();
    private final ServerPorts ports;
    private final Topology topology;
    private final Thread stopOnExit = new Thread(this::stopAll, "stop-local-servers");

    /** One node of each server in {@code which}, with data kept for the next start. */
    public ProcessServers(Path home, ServerPorts ports, Set<Server> which, String cassandraMaxHeap) {
        this(home, ports, which, cassandraMaxHeap, Topology.SINGLE, ServerLife.KEPT);
    }

    public ProcessServers(Path home, ServerPorts ports, Set<Server> which, String cassandraMaxHeap, Topology topology) {
        this(home, ports, which, cassandraMaxHeap, topology, ServerLife.KEPT);
    }

    /**
     * One node of each server in {@code which} for tests, whose data is deleted once they stop and
     * never started on again ({@link ServerLife#THROWAWAY}).
     */
    public static ProcessServers throwaway(Path home, ServerPorts ports, Set<Server> which, String cassandraMaxHeap) {
        return new ProcessServers(home, ports, which, cassandraMaxHeap, Topology.SINGLE, ServerLife.THROWAWAY);
    }

    private ProcessServers(Path home, ServerPorts ports, Set<Server> which, String cassandraMaxHeap, Topology topology,
            ServerLife life) {
        this.ports = ports;
        this.topology = topology;
        Path pids = home.resolve("pids");
        if (which.contains(Server.CASSANDRA)) {
            servers.put(Server.CASSANDRA, topology.nodeNumbers().stream().<LocalServer>map(node -> new CassandraServer(
                    home.resolve(topology.name("cassandra", node)), pids, topology, node, ports.cassandra(),
                    ports.cassandraStorage(), cassandraMaxHeap, life)).toList());
        }
        if (which.contains(Server.KAFKA)) {
            String clusterId = KafkaServer.clusterId();
            servers.put(Server.KAFKA, topology.nodeNumbers().stream().<LocalServer>map(node -> new KafkaServer(
                    home.resolve(topology.name("kafka", node)), pids, topology, node, ports.kafka(),
                    ports.kafkaController(), clusterId, life)).toList());
        }
        if (which.contains(Server.S3)) {
            // One node in every topology: attachments are files behind pre-signed URLs, not the data a node loss may take.
            servers.put(Server.S3, List.of(new S3ProxyServer(home.resolve("s3proxy"), pids, ports.s3())));
        }
        if (which.contains(Server.REDIS) && !topology.replicated()) {
            servers.put(Server.REDIS, List.of(new RedisServer(home.resolve("redis"), pids, ports.redis())));
        } else if (which.contains(Server.REDIS)) {
            HostAndPort primary = new HostAndPort(topology.address(1), ports.redis());
            servers.put(Server.REDIS, java.util.stream.IntStream.rangeClosed(1, topology.redisNodes()).<LocalServer>mapToObj(
                    node -> new RedisServer(topology.name("redis", node), home.resolve(topology.name("redis", node)), pids,
                            topology.address(node), ports.redis(), node == 1 ? null : primary)).toList());
            sentinels.addAll(topology.nodeNumbers().stream().map(node -> new RedisSentinel(topology.name("sentinel", node),
                    home.resolve(topology.name("sentinel", node)), pids, topology.address(node), ports.redisSentinel(),
                    primary, topology.minInSyncReplicas())).toList());
            servers.get(Server.REDIS).forEach(redis -> ((RedisServer) redis).followPrimaryOnRestart(this::sentinelsPrimary));
        }
    }

    /** Starts every server; on any failure stops those already started and rethrows its reason. */
    public ProcessServers start() {
        return start(contactPoints -> { });
    }

    /**
     * Starts every server as {@link #start()} does, and calls {@code schema} with a contact point
     * ({@code host:port}, comma-separated) once Cassandra can take it: a single node's as soon as
     * it answers, while the other servers are still starting; a replicated stack's once all its
     * nodes see each other, since the migrations record themselves at QUORUM.
     */
    public ProcessServers start(Consumer<String> schema) {
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Map.Entry<Server, List<LocalServer>> kind : servers.entrySet()) {
            List<LocalServer> nodes = kind.getValue();
            if (kind.getKey() == Server.CASSANDRA) {
                CompletableFuture<Void> seed = CompletableFuture.runAsync(() -> nodes.get(0).start(START_TIMEOUT));
                nodes.subList(1, nodes.size()).forEach(node -> starts.add(seed.thenRunAsync(() -> node.start(START_TIMEOUT))));
                starts.add(topology.replicated() ? seed : seed.thenRun(() -> schema.accept(cassandraContactPoint())));
            } else {
                nodes.forEach(node -> starts.add(CompletableFuture.runAsync(() -> node.start(START_TIMEOUT))));
            }
        }
        sentinels.forEach(sentinel -> starts.add(CompletableFuture.runAsync(() -> sentinel.start(START_TIMEOUT))));
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
            if (topology.replicated()) {
                ClusterReadiness.await(this, START_TIMEOUT);
                if (servers.containsKey(Server.CASSANDRA)) {
                    schema.accept(cassandraContactPoint());
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        return this;
    }

    public ServerPorts ports() {
        return ports;
    }

    public Topology topology() {
        return topology;
    }

    public Set<Server> servers() {
        return servers.keySet();
    }

    /** The server's only node, or its first node in a replicated stack. */
    public LocalServer server(Server which) {
        return nodes(which).get(0);
    }

    /** Every node of the server, node 1 first. */
    public List<LocalServer> nodes(Server which) {
        List<LocalServer> nodes = servers.get(which);
        if (nodes == null) {
            throw new IllegalArgumentException(which + " is not part of this stack");
        }
        return nodes;
    }

    /** Every node's CQL endpoint, comma-separated. */
    public String cassandraContactPoint() {
        return topology.endpoints(ports.cassandra());
    }

    /** Every node's broker endpoint, comma-separated. */
    public String kafkaBootstrapServers() {
        return topology.endpoints(ports.kafka());
    }

    /** The object store's S3 endpoint (path-style). */
    public String s3Endpoint() {
        return S3ProxyServer.endpoint(ports.s3());
    }

    /** The Redis URL the services connect to: the lone server's, or every Sentinel's, comma-separated. */
    public String redisUrl() {
        return sentinels.isEmpty() ? "redis://127.0.0.1:" + ports.redis()
                : String.join(",", sentinels.stream().map(RedisSentinel::url).toList());
    }

    /**
     * How a Quarkus Redis client reaches this stack's Redis, as configuration properties of the
     * default client: the lone server, or the primary through the Sentinels, following each
     * failover ({@code auto-failover}).
     */
    public Map<String, String> redisClientConfig() {
        Map<String, String> config = new java.util.LinkedHashMap<>();
        config.put("quarkus.redis.hosts", redisUrl());
        if (!sentinels.isEmpty()) {
            config.put("quarkus.redis.client-type", "sentinel");
            config.put("quarkus.redis.master-name", RedisSentinel.MASTER_NAME);
            config.put("quarkus.redis.auto-failover", "true");
        }
        return config;
    }

    /** The Sentinels of a replicated stack, node 1 first; none in a one-node stack. */
    public List<RedisSentinel> sentinels() {
        return sentinels;
    }

    /** The primary as the first Sentinel that answers names it; null when none answers (the first start). */
    private HostAndPort sentinelsPrimary() {
        for (RedisSentinel sentinel : sentinels) {
            try {
                return sentinel.primary();
            } catch (RuntimeException unreachable) {
                // ask the next
            }
        }
        return null;
    }

    /** The Redis server that is the primary now: the only one, or the one the Sentinels name. */
    public RedisServer redisPrimary() {
        List<LocalServer> nodes = nodes(Server.REDIS);
        if (sentinels.isEmpty()) {
            return (RedisServer) nodes.get(0);
        }
        HostAndPort primary = sentinelsPrimary();
        if (primary == null) {
            throw new IllegalStateException("no Sentinel answered");
        }
        return nodes.stream().map(RedisServer.class::cast)
                .filter(r -> r.address().equals(primary.getHost()) && r.port() == primary.getPort())
                .findFirst().orElseThrow(() -> new IllegalStateException("the Sentinels name an unknown primary " + primary));
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
        List<LocalServer> reversed = new ArrayList<>(servers.values().stream().flatMap(List::stream).toList());
        reversed.addAll(sentinels); // first to stop: no failover while the servers stop
        java.util.Collections.reverse(reversed);
        reversed.parallelStream().forEach(LocalServer::stop);
    }
}
