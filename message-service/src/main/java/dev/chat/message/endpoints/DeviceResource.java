package dev.chat.message.endpoints;

import dev.chat.common.internal.PendingPage;
import dev.chat.message.storage.DeviceDirectory;
import dev.chat.message.storage.PendingStore;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * Internal API the gateway calls when a device connects: registers the device and returns its
 * pending messages, oldest first, a page at a time.
 */
@Path("/internal/v1/devices/{userId}/{deviceId}/pending")
@Produces(MediaType.APPLICATION_JSON)
public class DeviceResource {

    static final int MAX_PAGE = 500;

    private final DeviceDirectory devices;
    private final PendingStore pending;

    public DeviceResource(DeviceDirectory devices, PendingStore pending) {
        this.devices = devices;
        this.pending = pending;
    }

    /**
     * Without {@code after}: the device has just connected; it is registered and takes over the
     * user's unclaimed messages before the first page is read.
     */
    @POST
    public Uni<PendingPage> pending(@PathParam("userId") UUID userId, @PathParam("deviceId") String deviceId,
            @QueryParam("after") UUID after, @QueryParam("limit") @DefaultValue("200") int limit) {
        InternalRequests.requireDevice(deviceId);
        if (limit < 1 || limit > MAX_PAGE) {
            throw new BadRequestException("limit must be 1 to " + MAX_PAGE);
        }
        Uni<Void> connected = after != null ? Uni.createFrom().voidItem()
                : devices.register(userId, deviceId).chain(() -> pending.claimUnclaimed(userId, deviceId));
        return connected.chain(() -> pending.page(userId, deviceId, after, limit));
    }
}
