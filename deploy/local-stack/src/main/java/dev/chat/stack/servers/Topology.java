package dev.chat.stack.servers;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How many nodes of Cassandra and of Kafka a stack runs, and where.
 *
 * <p>A single stack (the default, and the tests) runs one node of each on 127.0.0.1. A replicated
 * stack ({@code --cluster}) runs three, and gives node {@code i} a loopback address of its own,
 * 127.0.0.(1 + i), as if each node were a host: every node uses the same ports, and a network
 * partition can cut one address off. Linux routes all of 127.0.0.0/8 to the loopback interface, so
 * these addresses need no set-up there (macOS needs {@code ifconfig lo0 alias} for each).
 *
 * <p>Redis is the exception: a replicated stack runs a primary (node 1's address) and one replica
 * (node 2's), and a Redis Sentinel on every node's address to fail over between them.
 *
 * <p>Every node holds a copy of every Cassandra row and Kafka record ({@link #replicationFactor}),
 * and Kafka acknowledges a write once a majority has it ({@link #minInSyncReplicas}): one node of
 * three may die without a write being refused or an acknowledged one being lost.
 */
public record Topology(int nodes) {

    public static final Topology SINGLE = new Topology(1);
    public static final Topology REPLICATED = new Topology(3);

    public Topology {
        if (nodes < 1 || nodes > 9) {
            throw new IllegalArgumentException("a stack runs 1 to 9 nodes of each server, not " + nodes);
        }
    }

    public boolean replicated() {
        return nodes > 1;
    }

    /** The node numbers, 1 to {@link #nodes}. */
    public List<Integer> nodeNumbers() {
        return IntStream.rangeClosed(1, nodes).boxed().toList();
    }

    /** The loopback address of node {@code node} (1-based). */
    public String address(int node) {
        if (node < 1 || node > nodes) {
            throw new IllegalArgumentException("node " + node + " of " + nodes);
        }
        return replicated() ? "127.0.0." + (1 + node) : "127.0.0.1";
    }

    /** A server's name for node {@code node}: {@code cassandra} in a single stack, {@code cassandra-2} in a replicated one. */
    public String name(String server, int node) {
        return replicated() ? server + "-" + node : server;
    }

    /** {@code address:port} of every node, comma-separated: the services' contact points and bootstrap servers. */
    public String endpoints(int port) {
        return String.join(",", nodeNumbers().stream().map(n -> address(n) + ":" + port).toList());
    }

    /** Redis servers: one, or a primary and one replica (node 1 and node 2) in a replicated stack. */
    public int redisNodes() {
        return replicated() ? 2 : 1;
    }

    public int replicationFactor() {
        return nodes;
    }

    /** A majority of the replicas. */
    public int minInSyncReplicas() {
        return nodes / 2 + 1;
    }

    /**
     * The Cassandra token of node {@code node}: the Murmur3 range split evenly (one token per node,
     * so with every node holding every row the split only decides which node coordinates what);
     * 0 for a single node, as data folders made before replicated stacks existed have it.
     */
    public long cassandraToken(int node) {
        if (!replicated()) {
            return 0;
        }
        BigInteger span = BigInteger.TWO.pow(64).divide(BigInteger.valueOf(nodes));
        return BigInteger.valueOf(Long.MIN_VALUE).add(span.multiply(BigInteger.valueOf(node - 1L))).longValueExact();
    }

    /** The keyspace's replication, as CQL map text. */
    public String keyspaceReplication(String datacenter) {
        return replicated()
                ? "{'class': 'NetworkTopologyStrategy', '" + datacenter + "': " + nodes + "}"
                : "{'class': 'SimpleStrategy', 'replication_factor': 1}";
    }
}
