package dev.chat.stack.servers;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chat.common.events.Topics;
import dev.chat.schema.CassandraMigrator;
import dev.chat.schema.MigrationSessions;
import java.net.InetSocketAddress;
import java.util.List;
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
    public static final String LOCAL_REPLICATION = "{'class': 'SimpleStrategy', 'replication_factor': 1}";

    private StackSetup() {
    }

    /** Applies the migrations; returns the versions this call applied (none when current). */
    public static List<Integer> applySchema(String contactPoint, String datacenter) {
        String[] hostPort = contactPoint.split(":");
        try (CqlSession session = MigrationSessions.builder()
                .addContactPoint(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])))
                .withLocalDatacenter(datacenter).build()) {
            return new CassandraMigrator(session, KEYSPACE).createKeyspaceIfMissing(LOCAL_REPLICATION).migrate();
        }
    }

    /** Creates the project's topics that do not exist yet, each with {@code partitions} partitions. */
    public static void createTopics(String bootstrapServers, int partitions) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
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
