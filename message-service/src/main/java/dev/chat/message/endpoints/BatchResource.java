package dev.chat.message.endpoints;

import dev.chat.common.errors.Refusal;
import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.Operation;
import dev.chat.common.internal.OperationBatch;
import dev.chat.common.internal.OperationResult;
import dev.chat.common.internal.OperationResults;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.SendResponse;
import dev.chat.message.domain.GroupFanOut;
import dev.chat.common.ids.ChatIds;
import dev.chat.message.domain.GroupMessageSender;
import dev.chat.message.domain.MessageActions;
import dev.chat.message.domain.MessageSender;
import dev.chat.message.domain.Receipts;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Internal API: the operations of many of a gateway's sockets in one request (docs/architecture.md,
 * *coalescing*). Each operation is carried out exactly as its own endpoint would
 * ({@link MessageResource}, {@link ReceiptResource}), all of them side by side, and each gets the
 * status that endpoint would have answered: one failing operation fails only itself, except that
 * the one-to-one sends of a batch are stored together ({@link MessageSender#sendTogether}), so
 * sends that shared a Cassandra batch fail together when Cassandra fails it (503; their clients
 * resend, which is safe), and likewise its {@code delivered} receipts, per kind: the one-to-one
 * ones, and each group's ({@link Receipts#deliveredTogether}; the messages stay pending and are
 * acknowledged again). Sends to one group are stored side by side but published one after another
 * in the batch's order ({@link GroupMessageSender#send(SendRequest, Uni)}), so its members get them
 * in that order (a gateway puts a socket's queued sends in one batch and relies on it). The
 * request as a whole fails only when it is malformed (400) or too large.
 */
@Path("/internal/v1/batches")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BatchResource {

    /** The most operations one batch may carry. */
    static final int MAX_OPERATIONS = 1_000;

    private static final Logger LOG = Logger.getLogger(BatchResource.class);

    private final MessageResource messages;
    private final ReceiptResource receipts;
    private final MessageSender sender;
    private final GroupMessageSender groupSender;
    private final Receipts receiptsTogether;
    private final MessageActions actions;

    public BatchResource(MessageResource messages, ReceiptResource receipts, MessageSender sender,
            GroupMessageSender groupSender, Receipts receiptsTogether, MessageActions actions) {
        this.actions = actions;
        this.messages = messages;
        this.receipts = receipts;
        this.sender = sender;
        this.groupSender = groupSender;
        this.receiptsTogether = receiptsTogether;
    }

    @POST
    public Uni<OperationResults> carryOut(OperationBatch batch) {
        if (batch == null || batch.operations() == null || batch.operations().isEmpty()
                || batch.operations().size() > MAX_OPERATIONS) {
            throw new BadRequestException("operations must hold 1 to " + MAX_OPERATIONS + " operations");
        }
        List<Uni<OperationResult>> outcomes = new ArrayList<>(batch.operations().size());
        List<SendRequest> directSends = new ArrayList<>();
        List<Integer> directSendsAt = new ArrayList<>();
        Map<UUID, Uni<OperationResult>> lastSendToGroup = new HashMap<>();
        List<SendRequest> directActions = new ArrayList<>();
        List<Integer> directActionsAt = new ArrayList<>();
        List<DeliveredRequest> delivered = new ArrayList<>();
        List<Integer> deliveredAt = new ArrayList<>();
        for (Operation operation : batch.operations()) {
            if (isValidDirectAction(operation)) {
                directActionsAt.add(outcomes.size());
                directActions.add(operation.send());
                outcomes.add(null); // filled in below, after the batch's one-to-one messages
            } else if (isValidDirectSend(operation)) {
                directSendsAt.add(outcomes.size());
                directSends.add(operation.send());
                outcomes.add(null); // filled in below, once all of them are handed over together
            } else if (isValidGroupSend(operation)) {
                outcomes.add(lastSendToGroup.compute(operation.send().groupId(), (group, before) -> inTurn(before, operation.send())));
            } else if (isValidDelivered(operation)) {
                deliveredAt.add(outcomes.size());
                delivered.add(operation.delivered());
                outcomes.add(null); // the same
            } else {
                outcomes.add(Uni.createFrom().deferred(() -> carryOut(operation)));
            }
        }
        if (!directSends.isEmpty()) {
            List<Uni<SendResponse>> sent = sender.sendTogether(directSends);
            for (int i = 0; i < sent.size(); i++) {
                outcomes.set(directSendsAt.get(i), sent.get(i).map(BatchResource::sendResult));
            }
        }
        if (!directActions.isEmpty()) {
            // Published after every one-to-one message of the batch, and one after another per chat, in the batch's order.
            Uni<?> messagesDone = directSendsAt.isEmpty() ? GroupFanOut.NO_TURN
                    : Uni.join().all(directSendsAt.stream().map(outcomes::get).toList()).andCollectFailures()
                            .onFailure().recoverWithNull().memoize().indefinitely();
            Map<UUID, Uni<OperationResult>> lastActionInChat = new HashMap<>();
            for (int i = 0; i < directActions.size(); i++) {
                SendRequest action = directActions.get(i);
                outcomes.set(directActionsAt.get(i), lastActionInChat.compute(
                        ChatIds.direct(action.senderId(), action.recipientId()),
                        (chat, before) -> actedInTurn(before == null ? messagesDone : before, action)));
            }
        }
        if (!delivered.isEmpty()) {
            List<Uni<List<UUID>>> acknowledged = receiptsTogether.deliveredTogether(delivered);
            for (int i = 0; i < acknowledged.size(); i++) {
                outcomes.set(deliveredAt.get(i), acknowledged.get(i).map(ids -> new OperationResult(200, null, ids, null)));
            }
        }
        return Uni.join().all(outcomes.stream().map(o -> o.onFailure().recoverWithItem(BatchResource::failed)).toList())
                .andCollectFailures().map(OperationResults::new);
    }

    /**
     * The action, taken at once and published once {@code turn} (what goes before it in its chat)
     * has its outcome.
     */
    private Uni<OperationResult> actedInTurn(Uni<?> turn, SendRequest action) {
        return Uni.createFrom().deferred(() -> actions.act(action, turn)).map(BatchResource::sendResult)
                .memoize().indefinitely();
    }

    /** A well-formed action in a one-to-one chat: published after the batch's one-to-one messages. */
    private static boolean isValidDirectAction(Operation operation) {
        return isSingle(operation) && operation.send() != null && operation.send().action() != null
                && operation.send().groupId() == null && passes(() -> InternalRequests.requireValid(operation.send()));
    }

    /** A well-formed send (a message or an action) to a group: those to one group are published in their order. */
    private static boolean isValidGroupSend(Operation operation) {
        return isSingle(operation) && operation.send() != null && operation.send().groupId() != null
                && passes(() -> InternalRequests.requireValid(operation.send()));
    }

    /**
     * The send, stored at once and published once {@code before} (the previous send to the same
     * group in this batch) has its outcome, success or failure: members are pushed a group's
     * messages in the order they are published.
     */
    private Uni<OperationResult> inTurn(Uni<OperationResult> before, SendRequest send) {
        Uni<?> turn = before == null ? GroupFanOut.NO_TURN : before;
        return Uni.createFrom().deferred(() -> send.action() != null ? actions.act(send, turn) : groupSender.send(send, turn))
                .map(BatchResource::sendResult)
                .memoize().indefinitely();
    }

    /** A well-formed one-to-one send: these share Cassandra batches ({@link MessageSender#sendTogether}). */
    private static boolean isValidDirectSend(Operation operation) {
        return isSingle(operation) && operation.send() != null && operation.send().groupId() == null
                && passes(() -> InternalRequests.requireValid(operation.send()));
    }

    /** A well-formed delivered: these are written together ({@link Receipts#deliveredTogether}). */
    private static boolean isValidDelivered(Operation operation) {
        return isSingle(operation) && operation.delivered() != null
                && passes(() -> InternalRequests.requireValid(operation.delivered()));
    }

    private static boolean isSingle(Operation operation) {
        return operation != null && count(operation) == 1;
    }

    /** Whether the check finds nothing to refuse; a refused operation is carried out alone, which answers the 400. */
    private static boolean passes(Runnable check) {
        try {
            check.run();
            return true;
        } catch (Refusal e) {
            return false;
        }
    }

    private static OperationResult sendResult(SendResponse sent) {
        return new OperationResult(sent.duplicate() ? 200 : 201, sent, null, null);
    }

    private Uni<OperationResult> carryOut(Operation operation) {
        if (operation == null || count(operation) != 1) {
            throw Refusal.invalid("an operation holds exactly one of send, delivered, seen and typing");
        }
        if (operation.send() != null) {
            return messages.send(operation.send()).map(response ->
                    new OperationResult(response.getStatus(), (SendResponse) response.getEntity(), null, null));
        }
        if (operation.delivered() != null) {
            return receipts.delivered(operation.delivered()).map(ids -> new OperationResult(200, null, ids, null));
        }
        if (operation.seen() != null) {
            return done(() -> receipts.seen(operation.seen()));
        }
        return done(() -> receipts.typing(operation.typing()));
    }

    private static Uni<OperationResult> done(Supplier<Uni<Void>> call) {
        return call.get().map(ignored -> new OperationResult(204, null, null, null));
    }

    private static int count(Operation o) {
        return (o.send() == null ? 0 : 1) + (o.delivered() == null ? 0 : 1) + (o.seen() == null ? 0 : 1)
                + (o.typing() == null ? 0 : 1);
    }

    /** The status, detail and code the operation's own endpoint would have answered (ProblemMappers). */
    private static OperationResult failed(Throwable failure) {
        if (failure instanceof Refusal refused) {
            return new OperationResult(refused.status(), null, null, refused.getMessage(),
                    refused.code() == null ? null : refused.code().wire());
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return new OperationResult(web.getResponse().getStatus(), null, null, web.getMessage());
        }
        LOG.warnf("An operation of a batch failed: %s", failure.toString());
        return new OperationResult(503, null, null, "the server could not complete the operation now; try again");
    }
}
