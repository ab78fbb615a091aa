package dev.chat.contacts.storage;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import io.smallrye.mutiny.Uni;

/** Runs a statement asynchronously as a Uni: the one way the stores here talk to Cassandra. */
final class Cql {

    private Cql() {
    }

    static Uni<AsyncResultSet> run(QuarkusCqlSession session, Statement<?> statement) {
        return Uni.createFrom().completionStage(() -> session.executeAsync(statement));
    }
}
