package dev.chat.message.endpoints;

import dev.chat.message.domain.MessageSender;
import dev.chat.message.domain.NewMessage;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseStatus;

/**
 * The internal API the gateway calls to send a message; not exposed through the ingress. The
 * sender id is the one the gateway authenticated.
 */
@Path("/internal/v1/messages")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final MessageSender sender;

    public MessageResource(MessageSender sender) {
        this.sender = sender;
    }

    @POST
    @ResponseStatus(201)
    public Uni<SendResponse> send(@Valid @NotNull SendRequest request) {
        if (request.senderId().equals(request.recipientId())) {
            throw new BadRequestException("a chat needs two different users");
        }
        return sender.send(new NewMessage(request.senderId(), request.recipientId(), request.clientMessageId(),
                request.body())).map(m -> new SendResponse(m.messageId(), m.chatId(), m.sentAt()));
    }
}
