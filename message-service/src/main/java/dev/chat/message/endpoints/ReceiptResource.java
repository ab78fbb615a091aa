package dev.chat.message.endpoints;

import dev.chat.common.events.TypingEvent;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.internal.DeliveredRequest;
import dev.chat.common.internal.SeenRequest;
import dev.chat.common.internal.TypingRequest;
import dev.chat.message.domain.Receipts;
import dev.chat.message.events.EventPublisher;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
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
    private final EventPublisher publisher;

    public ReceiptResource(Receipts receipts, EventPublisher publisher) {
        this.receipts = receipts;
        this.publisher = publisher;
    }

    /** Answers the ids that were pending for the device and are now delivered. */
    @POST
    @Path("/receipts/delivered")
    public Uni<List<UUID>> delivered(DeliveredRequest request) {
        InternalRequests.requireValid(request);
        return receipts.delivered(request).onFailure(IllegalArgumentException.class)
                .transform(e -> new BadRequestException(e.getMessage()));
    }

    @POST
    @Path("/receipts/seen")
    public Uni<Void> seen(SeenRequest request) {
        InternalRequests.requireValid(request);
        return receipts.seen(request).map(peer -> {
            if (peer.isEmpty()) {
                throw new NotFoundException("user " + request.userId() + " has no chat " + request.chatId());
            }
            return null;
        }).onFailure(IllegalArgumentException.class).transform(e -> new NotFoundException(e.getMessage())).replaceWithVoid();
    }

    @POST
    @Path("/typing")
    public Uni<Void> typing(TypingRequest request) {
        InternalRequests.requireValid(request);
        return publisher.typing(new TypingEvent(ChatIds.direct(request.fromUserId(), request.toUserId()),
                request.fromUserId(), request.toUserId()));
    }
}
