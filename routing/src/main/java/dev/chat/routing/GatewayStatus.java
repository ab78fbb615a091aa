package dev.chat.routing;

import java.util.Optional;

/**
 * Whether a gateway instance is alive: the one liveness rule, decided from the two keys its
 * heartbeat writes ({@link RedisKeys}).
 *
 * <ul>
 *   <li><b>beating</b>: its heartbeat key exists, so it beat less than one heartbeat TTL ago. Its
 *       routes count as online (presence) and frames are handed to it (delivery).</li>
 *   <li><b>late</b>: only its longer-lived address key is left. It may be an instance too busy to
 *       beat in time (a reconnect storm), so delivery still hands it frames, and takes it for gone
 *       only when a connection to it fails; presence does not count it online, so that a crashed
 *       instance's users do not show online for the address key's lifetime.</li>
 *   <li><b>gone</b>: neither key exists ({@link #of} is empty). Its routes are stale: readers
 *       ignore them, and delivery removes them.</li>
 * </ul>
 *
 * @param address the instance's internal {@code host:port}, where frames are handed over
 * @param beating whether its heartbeat is current
 */
public record GatewayStatus(String address, boolean beating) {

    /** The status the two keys' values give; empty when the instance is gone. */
    public static Optional<GatewayStatus> of(String heartbeatValue, String addressValue) {
        if (heartbeatValue != null) {
            return Optional.of(new GatewayStatus(heartbeatValue, true));
        }
        return Optional.ofNullable(addressValue).map(address -> new GatewayStatus(address, false));
    }

    /** Whether its devices count as connected for presence. */
    public boolean countsAsOnline() {
        return beating;
    }
}
