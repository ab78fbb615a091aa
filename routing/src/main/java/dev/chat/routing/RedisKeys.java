package dev.chat.routing;

import java.util.UUID;

/**
 * The Redis key layout of device routes and gateway liveness. Commands on these keys are written
 * in {@link RouteStore} only; what the two gateway keys mean together is {@link GatewayStatus}.
 *
 * <ul>
 *   <li>{@code routes:{userId}} is a hash: device id → gateway instance id. The seed's
 *       {@code user -> server} allowed one connection per user; this allows one per device. The
 *       key expires unless a live socket of the user renews it, so the routes of a gateway that
 *       died go away by themselves.</li>
 *   <li>{@code gateway:{instanceId}} holds the instance's internal address ({@code host:port})
 *       and expires unless the instance's heartbeat renews it: while it exists, the instance
 *       beat less than one heartbeat TTL ago.</li>
 *   <li>{@code gateway-address:{instanceId}} holds the same address, renewed by the same beat,
 *       but lives as long as a route ({@code route-ttl}). A route whose gateway has no heartbeat
 *       key but still has this one may belong to an instance that is only slow to beat (an
 *       overloaded one): delivery-service still tries it, and takes it for dead only when it
 *       cannot be connected to. A route whose gateway has neither key is stale: readers ignore it
 *       and remove it.</li>
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

    public static String gatewayAddress(String instanceId) {
        return "gateway-address:" + instanceId;
    }

    public static String lastSeen(UUID userId) {
        return "last-seen:" + userId;
    }
}
