package dev.chat.delivery.routing;

import dev.chat.common.presence.DeviceRoute;
import dev.chat.common.presence.RedisKeys;
import dev.chat.delivery.routing.GatewayRegistry.Gateway;
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

    private static final String REMOVE_IF_UNCHANGED = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0""";

    /** The live devices of one user, with their gateways. */
    public record UserRoutes(List<DeviceRoute> devices, Map<String, Gateway> gateways) {

        public boolean online() {
            return !devices.isEmpty();
        }
    }

    private static final int READS_IN_FLIGHT = 16;

    private final ReactiveRedisDataSource redis;
    private final GatewayRegistry gateways;

    public RouteDirectory(ReactiveRedisDataSource redis, GatewayRegistry gateways) {
        this.redis = redis;
        this.gateways = gateways;
    }

    /**
     * Routes of every user given: one HGETALL per user, {@value #READS_IN_FLIGHT} at a time (the
     * connection pool queues only so many waiting commands; a 1,000-member group must not overflow
     * it), and at most one MGET.
     */
    public Uni<Map<UUID, UserRoutes>> routesOf(Set<UUID> users) {
        List<UUID> ordered = new ArrayList<>(users);
        if (ordered.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Multi.createFrom().iterable(ordered)
                .onItem().transformToUni(u -> redis.hash(String.class).hgetall(RedisKeys.routes(u))
                        .map(hash -> Map.entry(u, hash)))
                .merge(READS_IN_FLIGHT)
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue).chain(byUser -> {
            List<Map<String, String>> hashes = ordered.stream().map(byUser::get).toList();
            Set<String> gatewayIds = new HashSet<>();
            hashes.forEach(h -> gatewayIds.addAll(h.values()));
            return gateways.reachable(gatewayIds).chain(alive -> {
                Map<UUID, UserRoutes> result = new HashMap<>();
                List<Uni<Void>> cleanups = new ArrayList<>();
                for (int i = 0; i < ordered.size(); i++) {
                    Map<String, String> hash = hashes.get(i);
                    result.put(ordered.get(i), new UserRoutes(DeviceRoute.live(hash, alive::containsKey), alive));
                    String key = RedisKeys.routes(ordered.get(i));
                    hash.forEach((device, gateway) -> {
                        if (!alive.containsKey(gateway)) {
                            cleanups.add(redis.execute("EVAL", REMOVE_IF_UNCHANGED, "1", key, device, gateway)
                                    .replaceWithVoid());
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
