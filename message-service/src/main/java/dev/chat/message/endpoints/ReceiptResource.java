package dev.chat.message.endpoints;

import dev.chat.common.errors.Refusal;
import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.SeenRequest;
import dev.chat.common.internal.TypingRequest;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.message.domain.Receipts;
import dev.chat.message.domain.TypingSignals;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** Internal API the gateway calls with the receipts and typing signals of its clients. */
@Path("/internal/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ReceiptResource {

    private final Receipts receipts;
    private final TypingSignals typing;

    public ReceiptResource(Receipts receipts, TypingSignals typing) {
        this.receipts = receipts;
        this.typing = typing;
    }

    /** Answers the ids that were pending for the device and are now delivered. */
    @POST
    @Path("/receipts/delivered")
    public Uni<List<UUID>> delivered(DeliveredRequest request) {
        InternalRequests.requireValid(request);
        return receipts.delivered(request);
    }

    @POST
    @Path("/receipts/seen")
    public Uni<Void> seen(SeenRequest request) {
        InternalRequests.requireValid(request);
        return receipts.seen(request).map(peer -> {
            if (peer.isEmpty()) {
                throw Refusal.notFound(ErrorCode.INVALID_FIELD, "no chat " + request.chatId() + " among yours");
            }
            return null;
        }).replaceWithVoid();
    }

    /** Refused ({@code blocked}, {@code no_shared_chat}) as {@link TypingSignals} says. */
    @POST
    @Path("/typing")
    public Uni<Void> typing(TypingRequest request) {
        InternalRequests.requireValid(request);
        return typing.signal(request.fromUserId(), request.toUserId());
    }
}
