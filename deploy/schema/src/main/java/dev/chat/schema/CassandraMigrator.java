package dev.chat.schema;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.NodeState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned migrations to a keyspace: the one migration step of the local stack, the
 * tests and the Kubernetes schema job.
 *
 * <p>Guarantees: each migration is applied at most once per keyspace, recorded in
 * {@code schema_migrations} with a checksum; running again applies only newer migrations, so a
 * second run is a no-op; a migration whose file changed after it was applied stops the run with
 * an error instead of leaving the schema and the files disagreeing. Every statement is written
 * to be idempotent ({@code IF NOT EXISTS}), so a run interrupted halfway is finished by the next.
 * Two runs at once are safe for the same reason; the record of a version is written once.
 *
 * <p>On a cluster of several nodes every statement of a run goes to one coordinator: a node
 * applies a schema change before it answers it, but the others learn it by gossip a little later,
 * so a read of the new table sent to another node could find no table. Once the run is done it
 * waits (up to {@link #AGREEMENT_TIMEOUT}) until every node has the same schema, so services started
 * after it find their tables on any node.
 */
public final class CassandraMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraMigrator.class);
    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(30);
    static final Duration AGREEMENT_TIMEOUT = Duration.ofSeconds(60);

    private final CqlSession session;
    private final String keyspace;
    private final Node coordinator;

    public CassandraMigrator(CqlSession session, String keyspace) {
        if (!keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
            throw new IllegalArgumentException("keyspace name '" + keyspace + "' is not a valid unquoted CQL name");
        }
        this.session = session;
        this.keyspace = keyspace;
        this.coordinator = session.getMetadata().getNodes().values().stream()
                .filter(node -> node.getState() == NodeState.UP).findFirst().orElse(null);
    }

    /**
     * Creates the keyspace if it does not exist, with {@code replication} as CQL map text, for
     * example {@code {'class': 'NetworkTopologyStrategy', 'dc1': 3}}. An existing keyspace is
     * left as it is.
     */
    public CassandraMigrator createKeyspaceIfMissing(String replication) {
        execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication);
        awaitSchemaAgreement();
        return this;
    }

    /** Applies every migration not yet applied; returns the versions applied by this run. */
    public List<Integer> migrate() {
        requireKeyspace();
        execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_migrations ("
                + "version int PRIMARY KEY, description text, checksum text, applied_at timestamp)");
        // A read of a table some replica has not learnt of yet fails on that replica, whichever node coordinates.
        awaitSchemaAgreement();
        Map<Integer, String> applied = appliedChecksums();
        List<Integer> appliedNow = new ArrayList<>();
        for (Migration migration : MigrationSource.load()) {
            String checksum = applied.get(migration.version());
            if (checksum != null) {
                if (!checksum.equals(migration.checksum())) {
                    throw new IllegalStateException("migration V" + migration.version() + " (" + migration.description()
                            + ") was changed after it was applied to keyspace " + keyspace
                            + "; add a new migration instead of editing an applied one");
                }
                continue;
            }
            LOG.info("Applying migration V{} ({}) to keyspace {}", migration.version(), migration.description(), keyspace);
            for (String statement : migration.statements()) {
                session.execute(onCoordinator(SimpleStatement.newInstance(statement)
                        .setKeyspace(CqlIdentifier.fromCql(keyspace)).setTimeout(DDL_TIMEOUT)));
            }
            awaitSchemaAgreement();
            session.execute(onCoordinator(SimpleStatement.newInstance("INSERT INTO " + keyspace
                    + ".schema_migrations (version, description, checksum, applied_at) VALUES (?, ?, ?, ?) IF NOT EXISTS",
                    migration.version(), migration.description(), migration.checksum(), Instant.now())));
            appliedNow.add(migration.version());
        }
        awaitSchemaAgreement();
        return appliedNow;
    }

    private void awaitSchemaAgreement() {
        long deadline = System.nanoTime() + AGREEMENT_TIMEOUT.toNanos();
        while (!session.checkSchemaAgreement()) {
            if (System.nanoTime() - deadline > 0) {
                LOG.warn("Cassandra nodes do not agree on the schema after {} s; they converge by gossip",
                        AGREEMENT_TIMEOUT.toSeconds());
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private SimpleStatement onCoordinator(SimpleStatement statement) {
        return coordinator == null ? statement : statement.setNode(coordinator);
    }

    /** The versions recorded as applied, with their checksums. */
    public Map<Integer, String> appliedChecksums() {
        long deadline = System.nanoTime() + AGREEMENT_TIMEOUT.toNanos();
        while (true) {
            try {
                Map<Integer, String> applied = new HashMap<>();
                for (Row row : session.execute(onCoordinator(
                        SimpleStatement.newInstance("SELECT version, checksum FROM " + keyspace + ".schema_migrations")))) {
                    applied.put(row.getInt("version"), row.getString("checksum"));
                }
                return applied;
            } catch (com.datastax.oss.driver.api.core.servererrors.ReadFailureException notYetEverywhere) {
                // A replica that has not yet applied the new table fails the read, even after the
                // driver saw the nodes agree (a fresh cluster's gossip lags): try again shortly.
                if (System.nanoTime() - deadline > 0) {
                    throw notYetEverywhere;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw notYetEverywhere;
                }
            }
        }
    }

    private void requireKeyspace() {
        if (session.getMetadata().getKeyspace(keyspace).isEmpty()) {
            session.refreshSchema();
            if (session.getMetadata().getKeyspace(keyspace).isEmpty()) {
                throw new IllegalStateException("keyspace " + keyspace + " does not exist; create it first"
                        + " (the schema job does with --replication)");
            }
        }
    }

    private void execute(String cql) {
        session.execute(onCoordinator(SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT)));
    }
}
