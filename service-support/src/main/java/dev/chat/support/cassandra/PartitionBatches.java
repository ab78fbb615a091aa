package dev.chat.support.cassandra;

import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups writes to one partition into unlogged batches of bounded size.
 *
 * <p>Why: a batch of writes to a single partition is one mutation for Cassandra, applied
 * atomically and costing one request, and Cassandra's batch size limits
 * ({@code batch_size_fail_threshold}) do not apply to it. What does apply is the statement
 * count of the native protocol (at most 65,535 per batch) and the largest mutation a node
 * accepts (half a commit log segment, 16 MiB by default). Batches made here stay far below both:
 * at most {@code maxStatements} statements and {@code maxBytes} of encoded statements each (a
 * single larger statement makes a batch of its own).
 *
 * <p>For {@link #of}, the caller guarantees that every statement writes the same partition;
 * nothing here checks it. {@link #acrossPartitions} is for writes to many partitions.
 */
public final class PartitionBatches {

    /** Statements per batch by default: enough to make a large write cheap, small enough to stay a modest mutation. */
    public static final int DEFAULT_MAX_STATEMENTS = 500;
    /** Bytes ({@link #thresholdSizeOf}) per batch by default. */
    public static final int DEFAULT_MAX_BYTES = 1 << 20;

    private PartitionBatches() {
    }

    /** The writes in order, as one statement or unlogged batches within the default bounds. */
    public static List<Statement<?>> of(List<? extends BatchableStatement<?>> writes, DriverContext context) {
        return of(writes, context, DEFAULT_MAX_STATEMENTS, DEFAULT_MAX_BYTES);
    }

    /**
     * Bytes ({@link #thresholdSizeOf}) of one unlogged batch across partitions: within Cassandra's default
     * {@code batch_size_fail_threshold} of 50 KiB, which applies to batches over several
     * partitions, logged or not.
     */
    public static final int ACROSS_PARTITIONS_MAX_BYTES = 32 * 1024;
    /** Statements of one unlogged batch across partitions: a coordinator's modest piece of work. */
    public static final int ACROSS_PARTITIONS_MAX_STATEMENTS = 256;

    /**
     * Writes to many partitions (the receipts of many devices) in unlogged batches of at most
     * {@link #ACROSS_PARTITIONS_MAX_STATEMENTS} statements and {@link #ACROSS_PARTITIONS_MAX_BYTES}:
     * one request where there would be one per write. Nothing is atomic across partitions; every
     * write must be idempotent, so that a batch that fails can be made again whole. Above
     * {@code unlogged_batch_across_partitions_warn_threshold} (10 partitions by default) Cassandra
     * logs a warning per batch; docs/deploy.md asks production clusters to raise it.
     */
    public static List<Statement<?>> acrossPartitions(List<? extends BatchableStatement<?>> writes, DriverContext context) {
        return of(writes, context, ACROSS_PARTITIONS_MAX_STATEMENTS, ACROSS_PARTITIONS_MAX_BYTES);
    }

    /** The writes in order, as single statements or unlogged batches within the given bounds. */
    public static List<Statement<?>> of(List<? extends BatchableStatement<?>> writes, DriverContext context,
            int maxStatements, int maxBytes) {
        List<Statement<?>> out = new ArrayList<>();
        List<BatchableStatement<?>> current = new ArrayList<>();
        long bytes = 0;
        for (BatchableStatement<?> write : writes) {
            int size = thresholdSizeOf(write, context);
            if (!current.isEmpty() && (current.size() >= maxStatements || bytes + size > maxBytes)) {
                out.add(close(current));
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(write);
            bytes += size;
        }
        if (!current.isEmpty()) {
            out.add(close(current));
        }
        return out;
    }

    /**
     * Bytes of a write as counted against a budget meant to keep a batch under Cassandra's batch
     * size thresholds. Cassandra measures the stored data, where every value becomes a cell with its
     * own timestamp, and, in a table with a default time to live such as {@code pending_messages},
     * its time to live and local deletion time, and every row has liveness information of the same
     * kind; so the batch it measures is larger than the statements the driver encodes (measured: a
     * group fan-out of pending rows counted at 32 KiB with 8 bytes per value was 39 KiB to
     * Cassandra). Each value is counted with {@value #CELL_OVERHEAD} bytes more than its encoding
     * and each write with {@value #ROW_OVERHEAD} more, the most Cassandra adds, so that a batch
     * within a budget of B bytes stays within B as Cassandra counts it.
     */
    public static int thresholdSizeOf(BatchableStatement<?> write, DriverContext context) {
        return write.computeSizeInBytes(context) + ROW_OVERHEAD + CELL_OVERHEAD * valueCount(write);
    }

    /** Bytes counted for each bound value beside its encoding: an expiring cell's timestamp, time to live and deletion time. */
    static final int CELL_OVERHEAD = 16;
    /** Bytes counted for each write beside its values: the row's liveness information. */
    static final int ROW_OVERHEAD = 16;

    private static int valueCount(BatchableStatement<?> write) {
        if (write instanceof BoundStatement bound) {
            return bound.getValues().size();
        }
        if (write instanceof SimpleStatement simple) {
            return simple.getPositionalValues().size() + simple.getNamedValues().size();
        }
        return 0;
    }

    private static Statement<?> close(List<BatchableStatement<?>> statements) {
        return statements.size() == 1 ? statements.get(0)
                : BatchStatement.newInstance(BatchType.UNLOGGED).addAll(statements);
    }
}
