package dev.chat.presence.storage;

import dev.chat.routing.DeviceRoute;
import dev.chat.routing.GatewayStatus;
import dev.chat.routing.RouteStore;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads presence from the routes the gateways write ({@link RouteStore}). A device counts while
 * its gateway's heartbeat is current ({@link GatewayStatus#countsAsOnline}). Read-only: stale
 * routes of dead gateways are ignored here and removed by delivery-service.
 */
@ApplicationScoped
public class PresenceReader {

    private final RouteStore routes;

    public PresenceReader(ReactiveRedisDataSource redis) {
        this.routes = new RouteStore(redis);
    }

    /**
     * Presence of each user, in the order given: routes and last-seen times side by side, then
     * the status of the gateways they name; three Redis round trips whatever the count (at most
     * the lookup's 200 users).
     */
    public Uni<List<Presence>> presenceOf(List<UUID> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Uni.combine().all().unis(routes.routesOf(users), routes.lastSeenOf(users)).asTuple().chain(both -> {
            Map<UUID, Map<String, String>> routesByUser = both.getItem1();
            Set<String> gateways = new HashSet<>();
            routesByUser.values().forEach(r -> gateways.addAll(r.values()));
            return routes.statusOf(gateways).map(statuses -> users.stream().map(user -> {
                int devices = DeviceRoute.live(routesByUser.get(user),
                        gateway -> statuses.containsKey(gateway) && statuses.get(gateway).countsAsOnline()).size();
                return Presence.of(user, devices > 0, devices, both.getItem2().get(user));
            }).toList());
        });
    }
}
