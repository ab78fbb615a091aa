package dev.chat.stack.servers;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Waits until a replicated stack's nodes have found each other: every Cassandra node lists all the
 * others as its peers (so a keyspace at the full replication factor can be written at QUORUM at
 * once), Kafka's cluster lists every broker (so topics can be created with a copy on each), and
 * every Redis Sentinel knows the synced replica and the other Sentinels (so it can fail over).
 */
final class ClusterReadiness {

    private ClusterReadiness() {
    }

    static void await(ProcessServers servers, Duration timeout) {
        Topology topology = servers.topology();
        Instant deadline = Instant.now().plus(timeout);
        if (servers.servers().contains(Server.CASSANDRA)) {
            for (LocalServer node : servers.nodes(Server.CASSANDRA)) {
                awaitTrue(node.name() + " knows every other node", deadline,
                        () -> ((CassandraServer) node).peersKnown() == topology.nodes() - 1);
            }
        }
        if (servers.servers().contains(Server.KAFKA)) {
            awaitTrue("every Kafka broker registered", deadline, () -> KafkaServer.registeredBrokers(servers.kafkaBootstrapServers()) == topology.nodes());
        }
        for (RedisSentinel sentinel : servers.sentinels()) {
            awaitTrue(sentinel.name() + " sees the synced Redis replica and every other Sentinel", deadline,
                    () -> sentinel.sees(topology.redisNodes() - 1, servers.sentinels().size() - 1));
        }
    }

    private static void awaitTrue(String what, Instant deadline, BooleanSupplier condition) {
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the replicated servers did not reach '" + what + "' in time");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
