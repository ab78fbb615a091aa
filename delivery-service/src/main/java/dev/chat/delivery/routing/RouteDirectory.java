package dev.chat.delivery.routing;

import dev.chat.routing.DeviceRoute;
import dev.chat.routing.GatewayStatus;
import dev.chat.routing.RouteStore;
import dev.chat.support.collections.Chunks;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the devices of users that are connected now, and the address of the gateway instance
 * holding each.
 *
 * <p>A route counts while its gateway is there ({@link GatewayRegistry}: heart-beating, or late
 * but not yet found gone); routes of a gateway that is gone are removed here, only while they
 * still name that gateway, so a device that reconnected elsewhere in the meantime keeps its new
 * route.
 */
@ApplicationScoped
public class RouteDirectory {

    /** The live devices of one user, with their gateways. */
    public record UserRoutes(List<DeviceRoute> devices, Map<String, GatewayStatus> gateways) {

        public boolean online() {
            return !devices.isEmpty();
        }
    }

    /** Route hashes read per command: a 1,000-member group's routes take five commands, not 1,000. */
    static final int USERS_PER_READ = 200;
    private static final int READS_IN_FLIGHT = 4;

    private final RouteStore routes;
    private final GatewayRegistry gateways;

    public RouteDirectory(ReactiveRedisDataSource redis, GatewayRegistry gateways) {
        this.routes = new RouteStore(redis);
        this.gateways = gateways;
    }

    /**
     * Routes of every user given: one script per {@value #USERS_PER_READ} users, so a batch of
     * deliveries costs one Redis round trip for its routes rather than one per user, and at most
     * one MGET for the gateways ({@link RouteStore#routesOf}, {@link RouteStore#statusOf}).
     */
    public Uni<Map<UUID, UserRoutes>> routesOf(Set<UUID> users) {
        List<UUID> ordered = new ArrayList<>(users);
        if (ordered.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Multi.createFrom().iterable(Chunks.of(ordered, USERS_PER_READ))
                .onItem().transformToUni(routes::routesOf)
                .merge(READS_IN_FLIGHT)
                .collect().in(HashMap<UUID, Map<String, String>>::new, Map::putAll).chain(byUser -> {
            List<Map<String, String>> hashes = ordered.stream().map(byUser::get).toList();
            Set<String> gatewayIds = new HashSet<>();
            hashes.forEach(h -> gatewayIds.addAll(h.values()));
            return gateways.reachable(gatewayIds).chain(alive -> {
                Map<UUID, UserRoutes> result = new HashMap<>();
                List<Uni<Void>> cleanups = new ArrayList<>();
                for (int i = 0; i < ordered.size(); i++) {
                    Map<String, String> hash = hashes.get(i);
                    result.put(ordered.get(i), new UserRoutes(DeviceRoute.live(hash, alive::containsKey), alive));
                    UUID user = ordered.get(i);
                    hash.forEach((device, gateway) -> {
                        if (!alive.containsKey(gateway)) {
                            cleanups.add(routes.removeIfUnchanged(user, device, gateway).replaceWithVoid());
                        }
                    });
                }
                Uni<Void> cleaned = cleanups.isEmpty() ? Uni.createFrom().voidItem()
                        : Uni.join().all(cleanups).usingConcurrencyOf(READS_IN_FLIGHT).andCollectFailures().replaceWithVoid()
                                .onFailure().recoverWithNull();
                return cleaned.replaceWith(result);
            });
        });
    }
}
