package dev.chat.delivery.routing;

import dev.chat.routing.GatewayStatus;
import dev.chat.routing.RouteStore;
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
 * The gateway instances that frames may be handed to, and their internal addresses, as the
 * liveness rule says ({@link GatewayStatus}: beating, or late but not gone), cached for one second
 * so that a batch of deliveries costs one Redis round trip for liveness, not one per route.
 *
 * <p>What delivery adds to the rule: an instance a connection to which failed (refused,
 * unreachable or timed out; {@link #markGone}) in the last {@link #GONE_MEMORY_MILLIS} ms is gone
 * whatever its keys say; readers then drop and remove its routes. A dead instance is therefore
 * tried at most once per {@code GONE_MEMORY_MILLIS} per delivery-service instance while its address
 * key lives.
 */
@ApplicationScoped
public class GatewayRegistry {

    private static final long CACHE_MILLIS = 1000;
    static final long GONE_MEMORY_MILLIS = 60_000;

    private record Entry(Optional<GatewayStatus> gateway, long readAtMillis) {
    }

    private final RouteStore routes;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Map<String, Long> goneAtMillis = new ConcurrentHashMap<>();

    public GatewayRegistry(ReactiveRedisDataSource redis) {
        this.routes = new RouteStore(redis);
    }

    /** Each given instance that is there, by id; those that are gone are absent from the map. */
    public Uni<Map<String, GatewayStatus>> reachable(Collection<String> gatewayIds) {
        long now = System.currentTimeMillis();
        Map<String, GatewayStatus> there = new HashMap<>();
        List<String> unknown = gatewayIds.stream().distinct().filter(id -> {
            if (recentlyGone(id, now)) {
                return false;
            }
            Entry entry = cache.get(id);
            if (entry != null && now - entry.readAtMillis() < CACHE_MILLIS) {
                entry.gateway().ifPresent(gateway -> there.put(id, gateway));
                return false;
            }
            return true;
        }).toList();
        if (unknown.isEmpty()) {
            return Uni.createFrom().item(there);
        }
        return routes.statusOf(unknown).map(statuses -> {
            for (String id : unknown) {
                Optional<GatewayStatus> gateway = Optional.ofNullable(statuses.get(id));
                cache.put(id, new Entry(gateway, now));
                gateway.ifPresent(g -> there.put(id, g));
            }
            return there;
        });
    }

    /** Records that a connection to the instance failed: it is gone, whatever its keys say. */
    public void markGone(String gatewayId) {
        goneAtMillis.put(gatewayId, System.currentTimeMillis());
        cache.remove(gatewayId);
    }

    private boolean recentlyGone(String gatewayId, long now) {
        Long goneAt = goneAtMillis.get(gatewayId);
        if (goneAt == null) {
            return false;
        }
        if (now - goneAt >= GONE_MEMORY_MILLIS) {
            goneAtMillis.remove(gatewayId);
            return false;
        }
        return true;
    }
}
