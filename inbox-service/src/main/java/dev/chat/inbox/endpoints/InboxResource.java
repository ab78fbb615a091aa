package dev.chat.inbox.endpoints;

import dev.chat.inbox.storage.InboxEntry;
import dev.chat.inbox.storage.InboxStore;
import dev.chat.support.requests.RequestValues;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in user's conversations, newest first, each with the other party, the last message's
 * preview and time, and the unread count; paged with an opaque cursor. A user reads only their own
 * inbox: there is no user id in the path.
 */
@Path("/v1/inbox")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {

    /** The largest page of this service's lists. */
    static final int MAX_LIMIT = 100;

    private final InboxStore inbox;
    private final JsonWebToken token;

    public InboxResource(InboxStore inbox, JsonWebToken token) {
        this.inbox = inbox;
        this.token = token;
    }

    @GET
    public Uni<InboxPage> inbox(@QueryParam("limit") @DefaultValue("50") String limitText,
            @QueryParam("cursor") String cursor) {
        int limit = RequestValues.limit(limitText, MAX_LIMIT);
        InboxCursor after = cursor == null || cursor.isBlank() ? null : InboxCursor.decode(cursor);
        UUID user = RequestValues.signedInUser(token.getSubject());
        return inbox.inboxOf(user).map(all -> {
            List<InboxEntry> rest = after == null ? all : all.stream().filter(after::precedes).toList();
            List<InboxEntry> page = rest.size() > limit ? rest.subList(0, limit) : rest;
            String next = rest.size() > limit ? InboxCursor.after(page.get(page.size() - 1)).encode() : null;
            return new InboxPage(List.copyOf(page), next);
        });
    }
}
