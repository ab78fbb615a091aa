package dev.chat.gateway.messaging;

import dev.chat.common.internal.Operation;
import dev.chat.common.internal.OperationBatch;
import dev.chat.common.internal.OperationResult;
import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;

/**
 * One lane of batches to message-service ({@link OperationBatcher} keeps one for one-to-one chats
 * and one for groups).
 *
 * <p>How batches form: an operation leaves at once, together with whatever else arrived in the
 * same event-loop turn, when no batch of the lane is in flight; otherwise it waits, and everything
 * that waits leaves as one batch (at most {@code batch-size} operations) as soon as the batch in
 * flight is answered. So a lone operation waits for nothing, and under load a batch carries what
 * arrived during one round trip, which keeps the exchanges per second near the round trips per
 * second whatever the rate. A slow batch does not hold the rest for long: once every batch in
 * flight has been out for {@code batch-overtake}, what waits leaves beside them (at most
 * {@code batches-in-flight} in all).
 *
 * <p>Guarantees: operations leave in the order they were submitted, and each completes with its
 * own result, or with the failure of its whole batch (message-service unreachable, a timeout).
 * Operations submitted together ({@link #submitTogether}) always leave in one batch, one after
 * another: a batch is never cut between them, though it may exceed {@code batch-size} for them.
 * Thread-safe.
 */
final class BatchLane {

    /** Operations submitted together, which leave in one batch, and who waits for their results. */
    private record Waiting(List<Operation> operations, UniEmitter<? super List<OperationResult>> results) {
    }

    private final MessageServiceClient client;
    private final Vertx vertx;
    private final int maxBatch;
    private final int maxInFlight;
    private final long overtakeNanos;
    private final DistributionSummary batchSizes;
    private final Counter overtakes;
    private final List<Waiting> waiting = new ArrayList<>();
    /** When each batch in flight left ({@link System#nanoTime()}), in the order they left. */
    private final List<Long> inFlightSince = new ArrayList<>();
    private boolean flushScheduled;
    private boolean overtakeTimerSet;

    BatchLane(String name, MessageServiceClient client, Vertx vertx, GatewayConfig.MessageService settings,
            MeterRegistry registry) {
        this.client = client;
        this.vertx = vertx;
        this.maxBatch = settings.batchSize();
        this.maxInFlight = settings.batchesInFlight();
        this.overtakeNanos = settings.batchOvertake().toNanos();
        this.batchSizes = DistributionSummary.builder("gateway.message_service.batch.operations").tag("lane", name)
                .description("Operations per batch sent to message-service").register(registry);
        this.overtakes = Counter.builder("gateway.message_service.batch.overtakes").tag("lane", name)
                .description("Batches that left beside a batch in flight for longer than the overtake time")
                .register(registry);
    }

    /** Completes with the operation's result as message-service gave it, failed or not. */
    Uni<OperationResult> submit(Operation operation) {
        return submitTogether(List.of(operation)).map(results -> results.get(0));
    }

    /**
     * Completes with the operations' results as message-service gave them, in their order; the
     * operations leave in one batch, in their order.
     */
    Uni<List<OperationResult>> submitTogether(List<Operation> operations) {
        return Uni.createFrom().emitter(results -> {
            boolean flushNow;
            synchronized (this) {
                waiting.add(new Waiting(List.copyOf(operations), results));
                flushNow = !flushScheduled && mayLeave(System.nanoTime());
                flushScheduled |= flushNow;
            }
            if (flushNow) {
                // At the end of this event-loop turn, so that what else the turn brings goes along.
                Context context = Vertx.currentContext();
                if (context != null) {
                    context.runOnContext(ignored -> flush());
                } else {
                    flush();
                }
            } else {
                armOvertake();
            }
        });
    }

    /** Sends what waits, as long as a batch may leave now. */
    private void flush() {
        synchronized (this) {
            flushScheduled = false;
        }
        while (true) {
            List<Waiting> batch;
            long leftAt;
            synchronized (this) {
                long now = System.nanoTime();
                if (waiting.isEmpty() || !mayLeave(now)) {
                    break;
                }
                if (!inFlightSince.isEmpty()) {
                    overtakes.increment();
                }
                int units = unitsOfNextBatch();
                batch = new ArrayList<>(waiting.subList(0, units));
                waiting.subList(0, units).clear();
                inFlightSince.add(now);
                leftAt = now;
            }
            send(batch, leftAt);
        }
        armOvertake();
    }

    /** How many of the first waiting units the next batch takes: at least one, then while within the batch size. */
    private int unitsOfNextBatch() {
        int units = 1;
        int operations = waiting.get(0).operations().size();
        while (units < waiting.size() && operations + waiting.get(units).operations().size() <= maxBatch) {
            operations += waiting.get(units).operations().size();
            units++;
        }
        return units;
    }

    /** None in flight, or room for one more and every batch in flight out for the overtake time. */
    private boolean mayLeave(long now) {
        return inFlightSince.isEmpty() || inFlightSince.size() < maxInFlight
                && now - inFlightSince.get(inFlightSince.size() - 1) >= overtakeNanos;
    }

    /** While operations wait behind batches in flight, a timer lets them overtake when those are slow. */
    private void armOvertake() {
        long delay;
        synchronized (this) {
            if (overtakeTimerSet || waiting.isEmpty() || inFlightSince.isEmpty() || inFlightSince.size() >= maxInFlight) {
                return;
            }
            overtakeTimerSet = true;
            long youngest = inFlightSince.get(inFlightSince.size() - 1);
            delay = Math.max(1, (youngest + overtakeNanos - System.nanoTime() + 999_999) / 1_000_000); // rounded up
        }
        vertx.setTimer(delay, ignored -> {
            synchronized (this) {
                overtakeTimerSet = false;
            }
            flush();
        });
    }

    private void send(List<Waiting> batch, long leftAt) {
        List<Operation> operations = batch.stream().flatMap(w -> w.operations().stream()).toList();
        batchSizes.record(operations.size());
        client.batch(new OperationBatch(operations)).subscribe().with(answer -> {
            answered(leftAt);
            List<OperationResult> results = answer.results();
            int next = 0;
            for (Waiting unit : batch) {
                List<OperationResult> ofUnit = new ArrayList<>(unit.operations().size());
                for (int i = 0; i < unit.operations().size(); i++, next++) {
                    ofUnit.add(results != null && next < results.size() ? results.get(next)
                            : new OperationResult(503, null, null, "message-service answered no result for this operation"));
                }
                unit.results().complete(ofUnit);
            }
        }, failure -> {
            answered(leftAt);
            batch.forEach(w -> w.results().fail(failure));
        });
    }

    /** A batch was answered: what waits leaves at once. */
    private void answered(long leftAt) {
        synchronized (this) {
            inFlightSince.remove(Long.valueOf(leftAt));
        }
        flush();
    }
}
