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
 * <p>How batches form: an operation is sent at once, together with whatever else arrived in the
 * same event-loop turn, while fewer than {@code chat.gateway.message-service.batches-in-flight}
 * batches are in flight; otherwise it waits for the next batch, which leaves as soon as one in
 * flight is answered. So a lone operation waits for nothing, and under load a batch carries what
 * arrived during one round trip (at most {@code chat.gateway.message-service.batch-size}).
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
    private final int maxBatch;
    private final int maxInFlight;
    private final DistributionSummary batchSizes;
    private final List<Waiting> waiting = new ArrayList<>();
    private int inFlight;
    private boolean flushScheduled;

    public OperationBatcher(@RestClient MessageServiceClient client, GatewayConfig config, MeterRegistry registry) {
        this.client = client;
        this.maxBatch = config.messageService().batchSize();
        this.maxInFlight = config.messageService().batchesInFlight();
        this.batchSizes = DistributionSummary.builder("gateway.message_service.batch.operations")
                .description("Operations per batch sent to message-service").register(registry);
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
                flushNow = !flushScheduled && inFlight < maxInFlight;
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
            }
        }).map(OperationBatcher::orFailure);
    }

    /** Sends batches while operations wait and fewer than the allowed batches are in flight. */
    private void flush() {
        synchronized (this) {
            flushScheduled = false;
        }
        while (true) {
            List<Waiting> batch;
            synchronized (this) {
                if (waiting.isEmpty() || inFlight >= maxInFlight) {
                    return;
                }
                int size = Math.min(maxBatch, waiting.size());
                batch = new ArrayList<>(waiting.subList(0, size));
                waiting.subList(0, size).clear();
                inFlight++;
            }
            send(batch);
        }
    }

    private void send(List<Waiting> batch) {
        batchSizes.record(batch.size());
        client.batch(new OperationBatch(batch.stream().map(Waiting::operation).toList())).subscribe().with(answer -> {
            answered();
            List<OperationResult> results = answer.results();
            for (int i = 0; i < batch.size(); i++) {
                OperationResult result = results != null && i < results.size() ? results.get(i)
                        : new OperationResult(503, null, null, "message-service answered no result for this operation");
                batch.get(i).result().complete(result);
            }
        }, failure -> {
            answered();
            batch.forEach(w -> w.result().fail(failure));
        });
    }

    /** A batch was answered: the next one leaves at once if operations wait. */
    private void answered() {
        boolean flushNow;
        synchronized (this) {
            inFlight--;
            flushNow = !waiting.isEmpty() && !flushScheduled;
            flushScheduled |= flushNow;
        }
        if (flushNow) {
            flush();
        }
    }

    private static OperationResult orFailure(OperationResult result) {
        if (!result.succeeded()) {
            throw new WebApplicationException(result.detail(), result.status());
        }
        return result;
    }
}
