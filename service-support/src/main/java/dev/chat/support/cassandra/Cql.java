package dev.chat.support.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one way the services run CQL: asynchronously, as Mutiny {@link Uni}s.
 *
 * <p>Guarantee: {@link #all} returns every row of a result, fetching page after page; a query
 * whose result can outgrow one page (the driver's page size, or the statement's own) must be
 * read with it, never with {@code currentPage()} alone, which silently drops the rest.
 * {@link #runAll} keeps a bounded number of writes in flight and fails if any fails (the others
 * still run to their end: every write the services issue this way is idempotent).
 */
public final class Cql {

    private Cql() {
    }

    /**
     * The statement with every value bound to null left unset instead: an insert of a row whose
     * optional columns are empty (a message without reply, attachment or system event) then
     * writes no tombstone per empty column, which every read of the row would have to skip until
     * compaction drops it. Only for writes where null means "nothing", never "clear it".
     */
    public static BoundStatement unsetNulls(BoundStatement statement) {
        BoundStatement result = statement;
        for (int i = 0; i < statement.size(); i++) {
            if (statement.isSet(i) && statement.isNull(i)) {
                result = result.unset(i);
            }
        }
        return result;
    }

    public static Uni<AsyncResultSet> run(CqlSession session, Statement<?> statement) {
        return Uni.createFrom().completionStage(() -> session.executeAsync(statement));
    }

    /** Every row of the statement's result, mapped in order, however many pages it takes. */
    public static <T> Uni<List<T>> all(CqlSession session, Statement<?> statement, Function<Row, T> mapper) {
        return run(session, statement).chain(first -> collect(first, mapper, new ArrayList<>()));
    }

    /** Whether the statement's result has a row (a read by primary key). */
    public static Uni<Boolean> exists(CqlSession session, Statement<?> statement) {
        return run(session, statement).map(rs -> rs.one() != null);
    }

    /** Runs every statement, at most {@code inFlight} at a time; fails if any failed. */
    public static Uni<Void> runAll(CqlSession session, List<? extends Statement<?>> statements, int inFlight) {
        if (statements.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        if (statements.size() == 1) {
            return run(session, statements.get(0)).replaceWithVoid();
        }
        return Multi.createFrom().iterable(statements)
                .onItem().transformToUni(statement -> run(session, statement)).merge(inFlight)
                .collect().last().replaceWithVoid();
    }

    private static <T> Uni<List<T>> collect(AsyncResultSet page, Function<Row, T> mapper, List<T> into) {
        for (Row row : page.currentPage()) {
            into.add(mapper.apply(row));
        }
        if (!page.hasMorePages()) {
            return Uni.createFrom().item(into);
        }
        return Uni.createFrom().completionStage(page::fetchNextPage).chain(next -> collect(next, mapper, into));
    }
}
