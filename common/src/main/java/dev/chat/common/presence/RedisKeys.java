package dev.chat.common.presence;

import java.util.UUID;

/**
 * The Redis key layout of device routes and gateway liveness, shared by the gateway (writer),
 * delivery-service and presence-service (readers).
 *
 * <ul>
 *   <li>{@code routes:{userId}} is a hash: device id → gateway instance id. The seed's
 *       {@code user -> server} allowed one connection per user; this allows one per device. The
 *       key expires unless a live socket of the user renews it, so the routes of a gateway that
 *       died go away by themselves.</li>
 *   <li>{@code gateway:{instanceId}} holds the instance's internal address ({@code host:port})
 *       and expires unless the instance's heartbeat renews it. A route whose gateway key is gone
 *       is stale: readers ignore it and remove it.</li>
 *   <li>{@code last-seen:{userId}} holds the epoch milliseconds at which the user's last device
 *       disconnected.</li>
 * </ul>
 */
public final class RedisKeys {

    private RedisKeys() {
    }

    public static String routes(UUID userId) {
        return "routes:" + userId;
    }

    public static String gateway(String instanceId) {
        return "gateway:" + instanceId;
    }

    public static String lastSeen(UUID userId) {
        return "last-seen:" + userId;
    }
}
