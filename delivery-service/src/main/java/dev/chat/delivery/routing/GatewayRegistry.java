package dev.chat.delivery.routing;

import dev.chat.common.presence.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The internal addresses of live gateway instances, from their heartbeat keys, cached for one
 * second so that a batch of deliveries costs one Redis round trip for liveness, not one per route.
 * A gateway that died is taken for alive at most one second longer than its heartbeat TTL; a
 * hand-off to it then fails, and the message stays pending for the device.
 */
@ApplicationScoped
public class GatewayRegistry {

    private static final long CACHE_MILLIS = 1000;

    private record Entry(Optional<String> address, long readAtMillis) {
    }

    private final ReactiveRedisDataSource redis;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();

    public GatewayRegistry(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** The address of each given gateway that is alive; dead ones are absent from the map. */
    public Uni<Map<String, String>> addressesOf(Collection<String> gatewayIds) {
        long now = System.currentTimeMillis();
        Map<String, String> alive = new HashMap<>();
        List<String> stale = gatewayIds.stream().distinct().filter(id -> {
            Entry entry = cache.get(id);
            if (entry != null && now - entry.readAtMillis() < CACHE_MILLIS) {
                entry.address().ifPresent(address -> alive.put(id, address));
                return false;
            }
            return true;
        }).toList();
        if (stale.isEmpty()) {
            return Uni.createFrom().item(alive);
        }
        return redis.value(String.class).mget(stale.stream().map(RedisKeys::gateway).toArray(String[]::new))
                .map(addresses -> {
                    for (String id : stale) {
                        String address = addresses.get(RedisKeys.gateway(id));
                        cache.put(id, new Entry(Optional.ofNullable(address), now));
                        if (address != null) {
                            alive.put(id, address);
                        }
                    }
                    return alive;
                });
    }
}
