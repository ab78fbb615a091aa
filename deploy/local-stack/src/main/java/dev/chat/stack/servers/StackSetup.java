package dev.chat.stack.servers;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chat.common.events.Topics;
import dev.chat.schema.CassandraMigrator;
import dev.chat.schema.MigrationSessions;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** What a stack needs after its servers answer: the schema applied and the topics created. */
public final class StackSetup {

    /** The keyspace of the local stack and the tests. */
    public static final String KEYSPACE = "chat";

    private StackSetup() {
    }

    /** Applies the migrations to a one-node stack; returns the versions this call applied (none when current). */
    public static List<Integer> applySchema(String contactPoint, String datacenter) {
        return applySchema(contactPoint, datacenter, Topology.SINGLE);
    }

    /**
     * Applies the migrations through {@code contactPoints} ({@code host:port}, comma-separated),
     * creating the keyspace with the topology's replication when it is missing; returns the
     * versions this call applied (none when current).
     */
    public static List<Integer> applySchema(String contactPoints, String datacenter, Topology topology) {
        try (CqlSession session = migrationSession(contactPoints, datacenter)) {
            return new CassandraMigrator(session, KEYSPACE).createKeyspaceIfMissing(topology.keyspaceReplication(datacenter))
                    .migrate();
        }
    }

    /** A migration session ({@link MigrationSessions}) through {@code contactPoints}: {@code host:port}, comma-separated. */
    public static CqlSession migrationSession(String contactPoints, String datacenter) {
        var builder = MigrationSessions.builder().withLocalDatacenter(datacenter);
        for (String contactPoint : contactPoints.split(",")) {
            String[] hostPort = contactPoint.trim().split(":");
            builder.addContactPoint(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
        }
        return builder.build();
    }

    /** Creates the project's topics that do not exist yet, each with {@code partitions} partitions, on one node. */
    public static void createTopics(String bootstrapServers, int partitions) {
        createTopics(bootstrapServers, partitions, Topology.SINGLE);
    }

    /**
     * Creates the project's topics that do not exist yet, each with {@code partitions} partitions,
     * a copy on every node of the topology, and a majority of them in sync before a write is
     * acknowledged ({@code min.insync.replicas}).
     */
    public static void createTopics(String bootstrapServers, int partitions, Topology topology) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) topology.replicationFactor())
                            .configs(Map.of("min.insync.replicas", Integer.toString(topology.minInSyncReplicas()))))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create the Kafka topics at " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
