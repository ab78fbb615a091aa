package dev.chat.gateway.endpoints;

import dev.chat.common.internal.DeliveryBatch;
import dev.chat.common.internal.DeliveryResult;
import dev.chat.gateway.sessions.ClientSession;
import dev.chat.gateway.sessions.Push;
import dev.chat.gateway.sessions.SessionRegistry;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * Internal: delivery-service hands this instance frames for the users whose sockets it holds. Not
 * exposed through the ingress. Frames are written in the batch's order.
 */
@Path("/internal/v1/deliveries")
public class DeliveryResource {

    private final SessionRegistry sessions;

    public DeliveryResource(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @POST
    @NonBlocking // pushes are asynchronous writes: no reason to hop to a worker thread
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public DeliveryResult deliver(DeliveryBatch batch) {
        if (batch == null || batch.deliveries() == null || batch.deliveries().stream().anyMatch(d -> d == null
                || d.userIds() == null || d.userIds().contains(null) || d.frame() == null)) {
            throw new BadRequestException("every delivery needs its userIds and a frame");
        }
        int pushed = 0;
        for (DeliveryBatch.Delivery delivery : batch.deliveries()) {
            Push push = new Push(delivery.messageId(), delivery.chatId(), delivery.frame());
            for (UUID user : delivery.userIds()) {
                for (ClientSession session : sessions.sessionsOf(user)) {
                    if (!delivery.excepts(user, session.deviceId())) {
                        session.push(push);
                        pushed++;
                    }
                }
            }
        }
        return new DeliveryResult(pushed);
    }
}
