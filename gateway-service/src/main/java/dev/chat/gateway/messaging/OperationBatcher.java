package dev.chat.gateway.messaging;

import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.Operation;
import dev.chat.common.internal.OperationBatch;
import dev.chat.common.internal.OperationResult;
import dev.chat.common.internal.SeenRequest;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.SendResponse;
import dev.chat.common.internal.TypingRequest;
import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Carries the sends, receipts and typing signals of all of this gateway's sockets to
 * message-service in batches ({@code POST /internal/v1/batches}), instead of one request each.
 *
 * <p>How batches form: an operation leaves at once, together with whatever else arrived in the
 * same event-loop turn, when no batch is in flight; otherwise it waits, and everything that waits
 * leaves as one batch (at most {@code chat.gateway.message-service.batch-size}) as soon as the
 * batch in flight is answered. So a lone operation waits for nothing, and under load a batch
 * carries what arrived during one round trip, which keeps the exchanges per second near the round
 * trips per second whatever the rate. One slow batch does not hold the others for long: once every
 * batch in flight has been out for {@code chat.gateway.message-service.batch-overtake}, what
 * waits leaves beside them (at most {@code chat.gateway.message-service.batches-in-flight} in all).
 *
 * <p>Guarantees: each operation completes with its own result: a failing operation fails alone,
 * with the status message-service gave it ({@link WebApplicationException}); a batch that fails as
 * a whole (message-service unreachable, a timeout) fails each of its operations, which clients
 * send again (sends are idempotent by their client id). Operations are not reordered before they
 * leave; the caller keeps at most one send of a socket in flight (ClientSession), which keeps a
 * socket's sends in order.
 */
@ApplicationScoped
public class OperationBatcher {

    private record Waiting(Operation operation, UniEmitter<? super OperationResult> result) {
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

    public OperationBatcher(@RestClient MessageServiceClient client, Vertx vertx, GatewayConfig config,
            MeterRegistry registry) {
        this.client = client;
        this.vertx = vertx;
        this.maxBatch = config.messageService().batchSize();
        this.maxInFlight = config.messageService().batchesInFlight();
        this.overtakeNanos = config.messageService().batchOvertake().toNanos();
        this.batchSizes = DistributionSummary.builder("gateway.message_service.batch.operations")
                .description("Operations per batch sent to message-service").register(registry);
        this.overtakes = Counter.builder("gateway.message_service.batch.overtakes")
                .description("Batches that left beside a batch in flight for longer than the overtake time")
                .register(registry);
    }

    public Uni<SendResponse> send(SendRequest request) {
        return submit(Operation.of(request)).map(OperationResult::sent);
    }

    /** Completes with the ids that were pending for the device and are now delivered. */
    public Uni<List<UUID>> delivered(DeliveredRequest request) {
        return submit(Operation.of(request)).map(OperationResult::delivered);
    }

    public Uni<Void> seen(SeenRequest request) {
        return submit(Operation.of(request)).replaceWithVoid();
    }

    public Uni<Void> typing(TypingRequest request) {
        return submit(Operation.of(request)).replaceWithVoid();
    }

    private Uni<OperationResult> submit(Operation operation) {
        return Uni.createFrom().<OperationResult>emitter(result -> {
            boolean flushNow;
            synchronized (this) {
                waiting.add(new Waiting(operation, result));
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
        }).map(OperationBatcher::orFailure);
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
                int size = Math.min(maxBatch, waiting.size());
                batch = new ArrayList<>(waiting.subList(0, size));
                waiting.subList(0, size).clear();
                inFlightSince.add(now);
                leftAt = now;
            }
            send(batch, leftAt);
        }
        armOvertake();
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
        batchSizes.record(batch.size());
        client.batch(new OperationBatch(batch.stream().map(Waiting::operation).toList())).subscribe().with(answer -> {
            answered(leftAt);
            List<OperationResult> results = answer.results();
            for (int i = 0; i < batch.size(); i++) {
                OperationResult result = results != null && i < results.size() ? results.get(i)
                        : new OperationResult(503, null, null, "message-service answered no result for this operation");
                batch.get(i).result().complete(result);
            }
        }, failure -> {
            answered(leftAt);
            batch.forEach(w -> w.result().fail(failure));
        });
    }

    /** A batch was answered: what waits leaves at once. */
    private void answered(long leftAt) {
        synchronized (this) {
            inFlightSince.remove(Long.valueOf(leftAt));
        }
        flush();
    }

    private static OperationResult orFailure(OperationResult result) {
        if (!result.succeeded()) {
            throw new WebApplicationException(result.detail(), result.status());
        }
        return result;
    }
}
