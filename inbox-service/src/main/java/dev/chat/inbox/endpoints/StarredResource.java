package dev.chat.inbox.endpoints;

import dev.chat.inbox.domain.Stars;
import dev.chat.support.requests.RequestValues;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * The signed-in user's starred messages across their chats, {@code GET /v1/chats/starred?before=&limit=}:
 * newest message first, each with its chat, as a history page would show it; paged by message id
 * like a history ({@code limit} default 50, at most 100; {@code nextBefore} leads to older ones).
 * What the user can no longer see is left out ({@link Stars}), so a page may hold fewer than
 * {@code limit} while {@code nextBefore} still leads on.
 */
@Path("/v1/chats/starred")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class StarredResource {

    private final Stars stars;
    private final SignedIn signedIn;

    public StarredResource(Stars stars, SignedIn signedIn) {
        this.stars = stars;
        this.signedIn = signedIn;
    }

    @GET
    public Uni<Stars.StarredPage> starred(@QueryParam("before") String beforeText,
            @QueryParam("limit") @DefaultValue("50") String limitText) {
        int limit = RequestValues.limit(limitText, InboxResource.MAX_LIMIT);
        return stars.page(signedIn.user(), RequestValues.messageCursor(beforeText), limit);
    }
}
