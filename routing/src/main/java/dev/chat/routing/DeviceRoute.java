package dev.chat.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One connected device of a user and the gateway instance that holds its socket.
 *
 * @param deviceId the device, as named by the client's token
 * @param gatewayId the gateway instance
 */
public record DeviceRoute(String deviceId, String gatewayId) {

    /**
     * The routes of one {@code routes:{userId}} hash whose gateway passes {@code gatewayAlive}; the
     * others are stale (presence: no current heartbeat; delivery: the instance is gone) and may be
     * removed by the reader.
     */
    public static List<DeviceRoute> live(Map<String, String> routesHash, Predicate<String> gatewayAlive) {
        List<DeviceRoute> live = new ArrayList<>(routesHash.size());
        routesHash.forEach((device, gateway) -> {
            if (gatewayAlive.test(gateway)) {
                live.add(new DeviceRoute(device, gateway));
            }
        });
        return live;
    }
}
