package dev.chat.stack.servers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Waits until a replicated stack's nodes have found each other: every Cassandra node lists all the
 * others as its peers (so a keyspace at the full replication factor can be written at QUORUM at
 * once), and Kafka's cluster lists every broker (so topics can be created with a copy on each).
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
                        () -> peersOf((CassandraServer) node) == topology.nodes() - 1);
            }
        }
        if (servers.servers().contains(Server.KAFKA)) {
            awaitTrue("every Kafka broker registered", deadline, () -> kafkaBrokers(servers) == topology.nodes());
        }
    }

    private static int peersOf(CassandraServer node) {
        try (CqlSession session = node.session()) {
            Node itself = session.getMetadata().getNodes().values().stream()
                    .filter(n -> n.getEndPoint().resolve().toString().endsWith(node.contactPoint()))
                    .findFirst().orElseThrow();
            // Asked of this node itself: the driver would otherwise send the query to any node.
            return session.execute(SimpleStatement.newInstance("SELECT peer FROM system.peers_v2").setNode(itself))
                    .all().size();
        } catch (RuntimeException notYet) {
            return 0;
        }
    }

    private static int kafkaBrokers(ProcessServers servers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(2500)).nodes()
                    .get(3, TimeUnit.SECONDS).size();
        } catch (Exception notYet) {
            return 0;
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
