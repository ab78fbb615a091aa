package dev.chat.presence.endpoints;

import dev.chat.presence.domain.PresenceLookup;
import dev.chat.presence.storage.Presence;
import dev.chat.support.requests.RequestValues;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Whether users are online, on how many devices, and when they were last seen, as the signed-in
 * user may see them: a user who hides it from them (their setting, a block either way; docs/privacy.md)
 * is answered offline, with no last seen and {@code visible} false.
 */
@Path("/v1/presence")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class PresenceResource {

    /** The most users one batch lookup may ask for. */
    public static final int MAX_BATCH = 200;

    private final PresenceLookup lookup;
    private final JsonWebToken token;

    public PresenceResource(PresenceLookup lookup, JsonWebToken token) {
        this.lookup = lookup;
        this.token = token;
    }

    public record LookupRequest(@NotNull @Size(min = 1, max = MAX_BATCH) List<@NotNull UUID> userIds) {
    }

    public record LookupResponse(List<Presence> users) {
    }

    @GET
    @Path("/{userId}")
    public Uni<Presence> one(@PathParam("userId") String userId) {
        return lookup.asSeenBy(me(), List.of(RequestValues.uuid(userId, "a user id"))).map(list -> list.get(0));
    }

    @POST
    @Path("/lookup")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<LookupResponse> lookup(@Valid @NotNull LookupRequest request) {
        return lookup.asSeenBy(me(), request.userIds()).map(LookupResponse::new);
    }

    private UUID me() {
        return RequestValues.signedInUser(token.getSubject());
    }
}
