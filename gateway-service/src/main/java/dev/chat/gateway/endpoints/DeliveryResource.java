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
        if (batch == null || batch.deliveries() == null
                || batch.deliveries().stream().anyMatch(d -> d == null || d.userId() == null || d.frame() == null)) {
            throw new BadRequestException("every delivery needs a userId and a frame");
        }
        int pushed = 0;
        for (DeliveryBatch.Delivery delivery : batch.deliveries()) {
            for (ClientSession session : sessions.sessionsOf(delivery.userId())) {
                if (!session.deviceId().equals(delivery.exceptDeviceId())) {
                    session.push(new Push(delivery.messageId(), delivery.chatId(), delivery.frame()));
                    pushed++;
                }
            }
        }
        return new DeliveryResult(pushed);
    }
}
