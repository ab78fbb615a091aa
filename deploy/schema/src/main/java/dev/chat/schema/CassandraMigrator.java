package dev.chat.schema;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
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
 */
public final class CassandraMigrator {

    private static final Logger LOG = LoggerFactory.getLogger(CassandraMigrator.class);
    private static final Duration DDL_TIMEOUT = Duration.ofSeconds(30);

    private final CqlSession session;
    private final String keyspace;

    public CassandraMigrator(CqlSession session, String keyspace) {
        if (!keyspace.matches("[a-z][a-z0-9_]{0,47}")) {
            throw new IllegalArgumentException("keyspace name '" + keyspace + "' is not a valid unquoted CQL name");
        }
        this.session = session;
        this.keyspace = keyspace;
    }

    /**
     * Creates the keyspace if it does not exist, with {@code replication} as CQL map text, for
     * example {@code {'class': 'NetworkTopologyStrategy', 'dc1': 3}}. An existing keyspace is
     * left as it is.
     */
    public CassandraMigrator createKeyspaceIfMissing(String replication) {
        execute("CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication);
        return this;
    }

    /** Applies every migration not yet applied; returns the versions applied by this run. */
    public List<Integer> migrate() {
        requireKeyspace();
        execute("CREATE TABLE IF NOT EXISTS " + keyspace + ".schema_migrations ("
                + "version int PRIMARY KEY, description text, checksum text, applied_at timestamp)");
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
                session.execute(SimpleStatement.newInstance(statement).setKeyspace(CqlIdentifier.fromCql(keyspace))
                        .setTimeout(DDL_TIMEOUT));
            }
            session.execute(SimpleStatement.newInstance("INSERT INTO " + keyspace
                    + ".schema_migrations (version, description, checksum, applied_at) VALUES (?, ?, ?, ?) IF NOT EXISTS",
                    migration.version(), migration.description(), migration.checksum(), Instant.now()));
            appliedNow.add(migration.version());
        }
        if (!session.checkSchemaAgreement()) {
            LOG.warn("Cassandra nodes do not agree on the schema yet; they will converge shortly");
        }
        return appliedNow;
    }

    /** The versions recorded as applied, with their checksums. */
    public Map<Integer, String> appliedChecksums() {
        Map<Integer, String> applied = new HashMap<>();
        for (Row row : session.execute("SELECT version, checksum FROM " + keyspace + ".schema_migrations")) {
            applied.put(row.getInt("version"), row.getString("checksum"));
        }
        return applied;
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
        session.execute(SimpleStatement.newInstance(cql).setTimeout(DDL_TIMEOUT));
    }
}
