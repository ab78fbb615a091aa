package dev.chat.stack.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.ClusteringOrder;
import com.datastax.oss.driver.api.core.metadata.schema.ColumnMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.KeyspaceMetadata;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import com.datastax.oss.driver.api.core.type.DataTypes;
import dev.chat.schema.CassandraMigrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The migrations against a real Cassandra, started by this test as a child process. */
class SchemaMigrationsTest {

    private static ProcessServers servers;
    private static CqlSession session;

    @BeforeAll
    static void startCassandra() throws Exception {
        Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "schema-test-");
        servers = ProcessServers.throwaway(home, ServerPorts.free(), java.util.EnumSet.of(Server.CASSANDRA), "768m").start();
        session = ((CassandraServer) servers.server(Server.CASSANDRA)).session();
    }

    @AfterAll
    static void stopCassandra() {
        if (session != null) {
            session.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void applyingTheMigrationsTwiceChangesNothing() {
        CassandraMigrator migrator = new CassandraMigrator(session, "twice")
                .createKeyspaceIfMissing(Topology.SINGLE.keyspaceReplication(CassandraServer.DATACENTER));
        List<Integer> first = migrator.migrate();
        String schemaAfterFirst = describe("twice");
        Map<Integer, String> recorded = migrator.appliedChecksums();

        List<Integer> second = migrator.migrate();

        assertFalse(first.isEmpty());
        assertEquals(List.of(), second);
        assertEquals(schemaAfterFirst, describe("twice"));
        assertEquals(recorded, migrator.appliedChecksums());
    }

    @Test
    void theTablesCarryTheFixesToTheSeed() {
        new CassandraMigrator(session, "fixed").createKeyspaceIfMissing(Topology.SINGLE.keyspaceReplication(CassandraServer.DATACENTER)).migrate();
        KeyspaceMetadata keyspace = session.refreshSchema().getKeyspace("fixed").orElseThrow();

        TableMetadata messages = keyspace.getTable("messages").orElseThrow();
        assertEquals(List.of("chat_id", "bucket"), names(messages.getPartitionKey()));
        assertEquals(ClusteringOrder.DESC, messages.getClusteringColumns().values().iterator().next());
        assertEquals(DataTypes.TIMEUUID, column(messages, "message_id").getType());
        assertEquals(DataTypes.UUID, column(messages, "sender_id").getType());

        TableMetadata inbox = keyspace.getTable("user_inbox").orElseThrow();
        assertEquals(List.of("user_id"), names(inbox.getPartitionKey()));
        assertEquals(DataTypes.setOf(DataTypes.TIMEUUID), column(inbox, "unread_message_ids").getType());
        assertFalse(inbox.getColumn("unread_count").isPresent(), "no read-modify-write counter");

        TableMetadata groups = keyspace.getTable("groups").orElseThrow();
        assertEquals(List.of("group_id"), names(groups.getPrimaryKey()));
        assertEquals(DataTypes.TEXT, column(groups, "name").getType());
        assertEquals(DataTypes.UUID, column(groups, "group_id").getType());

        TableMetadata members = keyspace.getTable("group_members").orElseThrow();
        assertEquals(List.of("group_id", "user_id"), names(members.getPrimaryKey()));
        TableMetadata byUser = keyspace.getTable("groups_by_user").orElseThrow();
        assertEquals(List.of("user_id", "group_id"), names(byUser.getPrimaryKey()));
        assertEquals(DataTypes.UUID, column(byUser, "group_id").getType());
    }

    @Test
    void anEditedMigrationIsRefused() {
        CassandraMigrator migrator = new CassandraMigrator(session, "edited")
                .createKeyspaceIfMissing(Topology.SINGLE.keyspaceReplication(CassandraServer.DATACENTER));
        migrator.migrate();
        session.execute("UPDATE edited.schema_migrations SET checksum = 'something else' WHERE version = 1");

        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, migrator::migrate);
        assertTrue(e.getMessage().startsWith("migration V1 (messages inbox contacts groups) was changed after it was applied"),
                e.getMessage());
    }

    private String describe(String keyspace) {
        return session.refreshSchema().getKeyspace(keyspace).orElseThrow().describeWithChildren(false);
    }

    private static ColumnMetadata column(TableMetadata table, String name) {
        return table.getColumn(CqlIdentifier.fromCql(name)).orElseThrow();
    }

    private static List<String> names(List<ColumnMetadata> columns) {
        return columns.stream().map(c -> c.getName().asInternal()).collect(Collectors.toList());
    }
}
