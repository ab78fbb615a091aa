package dev.chat.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Command-line entry of the migrator, as the Kubernetes pre-install/pre-upgrade job runs it.
 * Configured by environment variables:
 *
 * <ul>
 *   <li>{@code CASSANDRA_CONTACT_POINTS}: {@code host:port[,host:port...]} (required)</li>
 *   <li>{@code CASSANDRA_LOCAL_DATACENTER}: default {@code datacenter1}</li>
 *   <li>{@code CASSANDRA_KEYSPACE}: default {@code chat}</li>
 *   <li>{@code CASSANDRA_REPLICATION}: CQL replication map used only when the keyspace is created,
 *       default {@code {'class': 'SimpleStrategy', 'replication_factor': 1}}</li>
 *   <li>{@code CASSANDRA_USERNAME}, {@code CASSANDRA_PASSWORD}: optional credentials</li>
 * </ul>
 * Exits 0 when the schema is current, 1 with a one-line reason otherwise.
 */
public final class SchemaMigrationJob {

    private SchemaMigrationJob() {
    }

    public static void main(String[] args) {
        try {
            String keyspace = env("CASSANDRA_KEYSPACE", "chat");
            try (CqlSession session = session()) {
                List<Integer> applied = new CassandraMigrator(session, keyspace)
                        .createKeyspaceIfMissing(env("CASSANDRA_REPLICATION",
                                "{'class': 'SimpleStrategy', 'replication_factor': 1}"))
                        .migrate();
                System.out.println(applied.isEmpty() ? "schema of keyspace " + keyspace + " is current"
                        : "applied migrations " + applied + " to keyspace " + keyspace);
            }
        } catch (RuntimeException e) {
            System.err.println("schema migration failed: " + e.getMessage());
            System.exit(1);
        }
    }

    private static CqlSession session() {
        String contactPoints = System.getenv("CASSANDRA_CONTACT_POINTS");
        if (contactPoints == null || contactPoints.isBlank()) {
            throw new IllegalArgumentException("CASSANDRA_CONTACT_POINTS is not set (host:port[,host:port...])");
        }
        CqlSessionBuilder builder = MigrationSessions.builder().withLocalDatacenter(env("CASSANDRA_LOCAL_DATACENTER", "datacenter1"));
        for (String contactPoint : contactPoints.split(",")) {
            String[] hostPort = contactPoint.trim().split(":");
            builder.addContactPoint(InetSocketAddress.createUnresolved(hostPort[0],
                    hostPort.length > 1 ? Integer.parseInt(hostPort[1]) : 9042));
        }
        String username = System.getenv("CASSANDRA_USERNAME");
        if (username != null && !username.isBlank()) {
            builder.withAuthCredentials(username, env("CASSANDRA_PASSWORD", ""));
        }
        return builder.build();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
