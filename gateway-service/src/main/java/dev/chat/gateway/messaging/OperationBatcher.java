package dev.chat.gateway.messaging;

import dev.chat.common.errors.Refusal;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.Operation;
import dev.chat.common.internal.OperationResult;
import dev.chat.common.internal.SeenRequest;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.SendResponse;
import dev.chat.common.internal.TypingRequest;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Carries the sends, receipts and typing signals of all of this gateway's sockets to
 * message-service in batches ({@code POST /internal/v1/batches}), instead of one request each.
 *
 * <p>Batches travel in two lanes ({@link BatchLane}), one for one-to-one chats and one for groups,
 * each with one batch in flight at a time while it is quick: what arrives meanwhile leaves
 * together when it is answered. A group's batch can take long (its fan-out writes a row per
 * member), and in a lane of its own it never holds a one-to-one send.
 *
 * <p>Guarantees: each operation completes with its own result: a failing operation fails alone,
 * with the refusal message-service gave it ({@link Refusal}); a batch that fails as
 * a whole (message-service unreachable, a timeout) fails each of its operations, which clients
 * send again (sends are idempotent by their client id). Operations of one lane are not reordered
 * before they leave, and one chat's operations always take the same lane. A socket's sends keep
 * their order: the caller has one call of {@link #sendInOrder} of a socket in flight at a time
 * (ClientSession), and within it each run of sends of one lane leaves in one batch, which
 * message-service carries out in its order, and the next run only after that one completed.
 */
@ApplicationScoped
public class OperationBatcher {

    private final BatchLane direct;
    private final BatchLane group;
    private final int batchSize;
    private final int batchBodyChars;

    public OperationBatcher(@RestClient MessageServiceClient client, Vertx vertx, GatewayConfig config,
            MeterRegistry registry) {
        this.direct = new BatchLane("direct", client, vertx, config.messageService(), registry);
        this.group = new BatchLane("group", client, vertx, config.messageService(), registry);
        this.batchSize = config.messageService().batchSize();
        this.batchBodyChars = config.messageService().batchBodyChars();
    }

    /**
     * Several sends of one socket, in their order, each with its own outcome: consecutive sends of
     * one lane (up to the batch size and its body budget) leave together in one batch, and each such run leaves only
     * after the run before it completed (even if that failed), so that they are stored and
     * published in the order given.
     *
     * @return the outcomes in the order of {@code requests}; never fails
     */
    public Uni<List<SendOutcome>> sendInOrder(List<SendRequest> requests) {
        Uni<List<SendOutcome>> outcomes = Uni.createFrom().item(() -> new ArrayList<>(requests.size()));
        int start = 0;
        while (start < requests.size()) {
            BatchLane lane = laneOf(requests.get(start));
            int end = start + 1;
            long chars = BatchLane.bodyChars(requests.get(start));
            while (end < requests.size() && end - start < batchSize && laneOf(requests.get(end)) == lane
                    && chars + BatchLane.bodyChars(requests.get(end)) <= batchBodyChars) {
                chars += BatchLane.bodyChars(requests.get(end));
                end++;
            }
            List<SendRequest> run = requests.subList(start, end);
            outcomes = outcomes.chain(done -> lane.submitTogether(run.stream().map(Operation::of).toList())
                    .map(results -> results.stream().map(OperationBatcher::sendOutcome).toList())
                    .onFailure().recoverWithItem(failure -> run.stream().map(r -> SendOutcome.failed(failure)).toList())
                    .map(ofRun -> {
                        done.addAll(ofRun);
                        return done;
                    }));
            start = end;
        }
        return outcomes;
    }

    private static SendOutcome sendOutcome(OperationResult result) {
        try {
            return SendOutcome.stored(orFailure(result).sent());
        } catch (Refusal refused) {
            return SendOutcome.failed(refused);
        }
    }

    public Uni<SendResponse> send(SendRequest request) {
        return submit(laneOf(request), Operation.of(request)).map(OperationResult::sent);
    }

    private BatchLane laneOf(SendRequest request) {
        return request.groupId() != null ? group : direct;
    }

    /**
     * Completes with the ids that were pending for the device and are now delivered: those of this
     * request and of any receipt of the same device, chat and sender it was merged with while they
     * waited ({@link BatchLane#submitDelivered}).
     */
    public Uni<List<UUID>> delivered(DeliveredRequest request) {
        return laneOf(request.chatId()).submitDelivered(request).map(OperationBatcher::orFailure)
                .map(OperationResult::delivered);
    }

    public Uni<Void> seen(SeenRequest request) {
        return submit(laneOf(request.chatId()), Operation.of(request)).replaceWithVoid();
    }

    public Uni<Void> typing(TypingRequest request) {
        return submit(direct, Operation.of(request)).replaceWithVoid();
    }

    /** A receipt without a chat id is refused by message-service; it goes with the one-to-one ones. */
    private BatchLane laneOf(UUID chatId) {
        return chatId != null && !ChatIds.isDirect(chatId) ? group : direct;
    }

    private static Uni<OperationResult> submit(BatchLane lane, Operation operation) {
        return lane.submit(operation).map(OperationBatcher::orFailure);
    }

    /**
     * The result, or its failure: a {@link Refusal} with message-service's kind, code and detail
     * for a 4xx (nothing was done), an {@link OperationFailed} otherwise (the client may retry).
     */
    private static OperationResult orFailure(OperationResult result) {
        if (result.succeeded()) {
            return result;
        }
        if (result.status() >= 400 && result.status() < 500) {
            throw new Refusal(Refusal.Kind.ofStatus(result.status()), ErrorCode.ofWire(result.code()), result.detail());
        }
        throw new OperationFailed(result.status(), result.detail());
    }
}
