package dev.chat.message.endpoints;

import dev.chat.common.internal.PendingPage;
import dev.chat.message.domain.DeviceRegistration;
import dev.chat.message.storage.PendingStore;
import dev.chat.message.storage.UnclaimedMessages;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/**
 * Internal API the gateway calls when a device connects: registers the device and returns its
 * pending messages, oldest first, a page at a time.
 *
 * <p>The first request of a connection (no {@code after}) also moves the messages the user got
 * while having no device to the user's devices ({@link UnclaimedMessages#claim}) before any page
 * is read, so that pages stay in message order. A move that outlasts its budget answers an empty
 * page with {@code more} set; the gateway then asks again without {@code after} and the move goes
 * on where it stopped.
 */
@Path("/internal/v1/devices/{userId}/{deviceId}/pending")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    static final int MAX_PAGE = 500;

    private final DeviceRegistration registration;
    private final PendingStore pending;
    private final UnclaimedMessages unclaimed;

    public DeviceResource(DeviceRegistration registration, PendingStore pending, UnclaimedMessages unclaimed) {
        this.registration = registration;
        this.pending = pending;
        this.unclaimed = unclaimed;
    }

    /**
     * Without {@code after}: the device has just connected; it is registered and the user's
     * unclaimed messages are moved to it before the first page is read.
     */
    @POST
    public Uni<PendingPage> pending(@PathParam("userId") UUID userId, @PathParam("deviceId") String deviceId,
            @QueryParam("after") UUID after, @QueryParam("limit") @DefaultValue("200") int limit) {
        InternalRequests.requireDevice(deviceId);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new BadRequestException("limit must be 1 to " + MAX_PAGE);
        }
        if (after != null) {
            return pending.page(userId, deviceId, after, limit);
        }
        return registration.connected(userId, deviceId)
                .chain(() -> unclaimed.claim(userId, deviceId))
                .chain(claimedAll -> claimedAll ? pending.page(userId, deviceId, null, limit)
                        : Uni.createFrom().item(new PendingPage(List.of(), true)));
    }
}
