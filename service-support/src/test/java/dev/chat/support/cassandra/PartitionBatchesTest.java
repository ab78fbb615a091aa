package dev.chat.support.cassandra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.DefaultProtocolVersion;
import com.datastax.oss.driver.api.core.context.DriverContext;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.time.TimestampGenerator;
import com.datastax.oss.driver.api.core.type.codec.registry.CodecRegistry;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionBatchesTest {

    /** A clock for statements without a timestamp of their own. */
    private static final TimestampGenerator CLOCK = new TimestampGenerator() {
        @Override
        public long next() {
            return System.currentTimeMillis() * 1000;
        }

        @Override
        public void close() {
        }
    };

    /** What sizing a statement asks of the driver's context. */
    private static final DriverContext CONTEXT = (DriverContext) Proxy.newProxyInstance(
            PartitionBatchesTest.class.getClassLoader(), new Class<?>[] {DriverContext.class}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "getProtocolVersion" -> DefaultProtocolVersion.V5;
                        case "getCodecRegistry" -> CodecRegistry.DEFAULT;
                        case "getTimestampGenerator" -> CLOCK;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });

    @Test
    void manyWritesAreSplitByStatementCountInTheirOrder() {
        List<SimpleStatement> writes = IntStream.range(0, 1_200).mapToObj(PartitionBatchesTest::write).toList();

        List<Statement<?>> batches = PartitionBatches.of(writes, CONTEXT);

        assertEquals(List.of(500, 500, 200), batches.stream().map(b -> ((BatchStatement) b).size()).toList());
        assertEquals(writes, flatten(batches));
    }

    @Test
    void largeWritesAreSplitBySizeAndOneLargerThanTheLimitGoesAlone() {
        String quarter = "x".repeat(256 * 1024);
        List<SimpleStatement> writes = List.of(write(quarter), write(quarter), write(quarter), write(quarter),
                write("y".repeat(2 << 20)), write(quarter));

        List<Statement<?>> batches = PartitionBatches.of(writes, CONTEXT);

        for (Statement<?> batch : batches) {
            assertTrue(!(batch instanceof BatchStatement b) || sizeOf(b) <= PartitionBatches.DEFAULT_MAX_BYTES);
        }
        assertEquals(4, batches.size(), "three quarters, one, the oversized one alone, the last");
        assertSame(writes.get(4), batches.get(2));
        assertEquals(writes, flatten(batches));
    }

    @Test
    void aBudgetCountsEachValueAsTheCellCassandraStoresNotOnlyItsEncoding() {
        List<SimpleStatement> writes = IntStream.range(0, 10).mapToObj(PartitionBatchesTest::write).toList();
        int encoded = writes.stream().mapToInt(w -> w.computeSizeInBytes(CONTEXT)).sum();

        List<Statement<?>> batches = PartitionBatches.of(writes, CONTEXT, 100, encoded);

        assertEquals(2, batches.size(), "ten writes' encodings fill the budget, their cells do not fit in it");
        assertEquals(encoded + 10 * (PartitionBatches.ROW_OVERHEAD + 2 * PartitionBatches.CELL_OVERHEAD),
                writes.stream().mapToInt(w -> PartitionBatches.thresholdSizeOf(w, CONTEXT)).sum(), "a row of two values each");
        assertEquals(writes, flatten(batches));
    }

    @Test
    void aSingleWriteIsNotWrappedInABatch() {
        SimpleStatement only = write(1);
        assertEquals(List.of(only), PartitionBatches.of(List.of(only), CONTEXT));
        assertEquals(List.of(), PartitionBatches.of(List.of(), CONTEXT));
    }

    private static SimpleStatement write(int i) {
        return write("row " + i);
    }

    private static SimpleStatement write(String body) {
        return SimpleStatement.newInstance("INSERT INTO t (k, c, body) VALUES (1, ?, ?)", body.length(), body);
    }

    private static int sizeOf(BatchStatement batch) {
        int size = 0;
        for (BatchableStatement<?> statement : batch) {
            size += PartitionBatches.thresholdSizeOf(statement, CONTEXT);
        }
        return size;
    }

    private static List<Statement<?>> flatten(List<Statement<?>> batches) {
        List<Statement<?>> all = new ArrayList<>();
        for (Statement<?> batch : batches) {
            if (batch instanceof BatchStatement b) {
                b.forEach(all::add);
            } else {
                all.add(batch);
            }
        }
        return all;
    }
}
