package dev.chat.delivery.routing;

import dev.chat.common.presence.DeviceRoute;
import dev.chat.common.presence.RedisKeys;
import dev.chat.delivery.routing.GatewayRegistry.Gateway;
import dev.chat.support.collections.Chunks;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
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

    /** KEYS: route hashes. One flat field/value array per key, in the keys' order. */
    private static final String READ_ALL = """
            local hashes = {}
            for i, key in ipairs(KEYS) do
              hashes[i] = redis.call('HGETALL', key)
            end
            return hashes""";

    /** Route hashes read per command: a 1,000-member group's routes take five commands, not 1,000. */
    static final int USERS_PER_READ = 200;
    private static final int READS_IN_FLIGHT = 4;

    private final ReactiveRedisDataSource redis;
    private final GatewayRegistry gateways;

    public RouteDirectory(ReactiveRedisDataSource redis, GatewayRegistry gateways) {
        this.redis = redis;
        this.gateways = gateways;
    }

    /**
     * Routes of every user given: one script per {@value #USERS_PER_READ} users, so a batch of
     * deliveries costs one Redis round trip for its routes rather than one per user, and at most
     * one MGET for the gateways. A multi-key script: standalone Redis, as the chart and the local
     * stack configure it (the gateway's route scripts need it too).
     */
    public Uni<Map<UUID, UserRoutes>> routesOf(Set<UUID> users) {
        List<UUID> ordered = new ArrayList<>(users);
        if (ordered.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Multi.createFrom().iterable(Chunks.of(ordered, USERS_PER_READ))
                .onItem().transformToUni(this::readHashes)
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

    private Uni<Map<UUID, Map<String, String>>> readHashes(List<UUID> chunk) {
        String[] args = new String[chunk.size() + 2];
        args[0] = READ_ALL;
        args[1] = Integer.toString(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            args[i + 2] = RedisKeys.routes(chunk.get(i));
        }
        return redis.execute("EVAL", args).map(response -> {
            Map<UUID, Map<String, String>> byUser = new HashMap<>();
            for (int i = 0; i < chunk.size(); i++) {
                Response flat = response.get(i);
                Map<String, String> hash = new HashMap<>();
                for (int j = 0; j + 1 < flat.size(); j += 2) {
                    hash.put(flat.get(j).toString(), flat.get(j + 1).toString());
                }
                byUser.put(chunk.get(i), hash);
            }
            return byUser;
        });
    }
}
