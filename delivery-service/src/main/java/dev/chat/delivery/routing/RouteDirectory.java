package dev.chat.delivery.routing;

import dev.chat.common.presence.DeviceRoute;
import dev.chat.common.presence.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Finds the devices of a user that are connected now, and the gateway instance holding each.
 *
 * <p>A route counts only while its gateway's heartbeat key exists; routes of a gateway that
 * stopped heart-beating are removed here (only while they still name that gateway, so a device
 * that reconnected elsewhere in the meantime keeps its new route).
 */
@ApplicationScoped
public class RouteDirectory {

    private static final String REMOVE_IF_UNCHANGED = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0""";

    private final ReactiveRedisDataSource redis;

    public RouteDirectory(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<List<DeviceRoute>> devicesOf(UUID userId) {
        String routesKey = RedisKeys.routes(userId);
        return redis.hash(String.class).hgetall(routesKey).chain(routes -> {
            if (routes.isEmpty()) {
                return Uni.createFrom().item(List.<DeviceRoute>of());
            }
            List<String> gateways = new ArrayList<>(new HashSet<>(routes.values()));
            String[] keys = gateways.stream().map(RedisKeys::gateway).toArray(String[]::new);
            return redis.value(String.class).mget(keys).chain(addresses -> {
                Set<String> alive = new HashSet<>();
                gateways.forEach(g -> {
                    if (addresses.get(RedisKeys.gateway(g)) != null) {
                        alive.add(g);
                    }
                });
                List<DeviceRoute> live = DeviceRoute.live(routes, alive::contains);
                return removeStale(routesKey, routes, alive).replaceWith(live);
            });
        });
    }

    private Uni<Void> removeStale(String routesKey, Map<String, String> routes, Set<String> alive) {
        List<Uni<Void>> removals = new ArrayList<>();
        routes.forEach((device, gateway) -> {
            if (!alive.contains(gateway)) {
                removals.add(redis.execute("EVAL", REMOVE_IF_UNCHANGED, "1", routesKey, device, gateway).replaceWithVoid());
            }
        });
        return removals.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(removals).andFailFast().replaceWithVoid();
    }
}
