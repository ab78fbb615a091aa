package dev.chat.message.endpoints;

import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.SendResponse;
import dev.chat.message.domain.GroupFanOut;
import dev.chat.message.domain.GroupMessageSender;
import dev.chat.message.domain.MessageActions;
import dev.chat.message.domain.MessageSender;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The internal API the gateway calls to send a message to a user or a group; not exposed through
 * the ingress. The sender is the user the gateway authenticated. 201 with the new message id, or 200 with the id
 * given before when the send is a retry.
 */
@Path("/internal/v1/messages")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessageSender sender;
    private final GroupMessageSender groupSender;
    private final MessageActions actions;

    public MessageResource(MessageSender sender, GroupMessageSender groupSender, MessageActions actions) {
        this.sender = sender;
        this.groupSender = groupSender;
        this.actions = actions;
    }

    /** A message, or an action on one ({@code action} set: a reaction, an edit, a deletion). */
    @POST
    public Uni<Response> send(SendRequest request) {
        InternalRequests.requireValid(request);
        Uni<SendResponse> sent = request.action() != null ? actions.act(request, GroupFanOut.NO_TURN)
                : request.groupId() == null ? sender.send(request) : groupSender.send(request);
        return sent.map(response -> Response.status(response.duplicate() ? 200 : 201).entity(response).build());
    }

}
