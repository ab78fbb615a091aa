package dev.chat.gateway.messaging;

import dev.chat.common.ids.ChatIds;
import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.Operation;
import dev.chat.common.internal.OperationResult;
import dev.chat.common.internal.SeenRequest;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.SendResponse;
import dev.chat.common.internal.TypingRequest;
import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
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
 * with the status message-service gave it ({@link WebApplicationException}); a batch that fails as
 * a whole (message-service unreachable, a timeout) fails each of its operations, which clients
 * send again (sends are idempotent by their client id). Operations of one lane are not reordered
 * before they leave, and one chat's operations always take the same lane; the caller keeps at most
 * one send of a socket in flight (ClientSession), which keeps a socket's sends in order.
 */
@ApplicationScoped
public class OperationBatcher {

    private final BatchLane direct;
    private final BatchLane group;

    public OperationBatcher(@RestClient MessageServiceClient client, Vertx vertx, GatewayConfig config,
            MeterRegistry registry) {
        this.direct = new BatchLane("direct", client, vertx, config.messageService(), registry);
        this.group = new BatchLane("group", client, vertx, config.messageService(), registry);
    }

    public Uni<SendResponse> send(SendRequest request) {
        return submit(request.groupId() != null ? group : direct, Operation.of(request)).map(OperationResult::sent);
    }

    /** Completes with the ids that were pending for the device and are now delivered. */
    public Uni<List<UUID>> delivered(DeliveredRequest request) {
        return submit(laneOf(request.chatId()), Operation.of(request)).map(OperationResult::delivered);
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

    private static OperationResult orFailure(OperationResult result) {
        if (!result.succeeded()) {
            throw new WebApplicationException(result.detail(), result.status());
        }
        return result;
    }
}
