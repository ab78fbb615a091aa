package dev.chat.contacts.presence;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * presence-service's batch lookup ({@code quarkus.rest-client.presence-service.url}), called with
 * the signed-in user's own bearer token: presence-service authorises the user, not this service.
 *
 * <p>The method has its full path and the interface none: an interface with {@code @Path} is also
 * taken for a resource of this service, which then "served" presence-service's path and never
 * answered it.
 */
@RegisterRestClient(configKey = "presence-service")
public interface PresenceClient {

    record LookupRequest(List<UUID> userIds) {
    }

    /** @param visible false when the user hides their presence from the caller (docs/privacy.md) */
    record UserPresence(UUID userId, boolean online, int devices, Instant lastSeen, Boolean visible) {
    }

    record LookupResponse(List<UserPresence> users) {
    }

    @POST
    @Path("/v1/presence/lookup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Uni<LookupResponse> lookup(@HeaderParam("Authorization") String authorization, LookupRequest request);
}
