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
 * The gateway instances that frames may be handed to, and their internal addresses, from the two
 * keys each instance's heartbeat writes (RedisKeys), cached for one second so that a batch of
 * deliveries costs one Redis round trip for liveness, not one per route.
 *
 * <p>An instance counts as there while its heartbeat key exists, and also while only its
 * longer-lived address key exists: a beat can be late because the instance is overloaded, and
 * its sockets must not miss frames for that (docs/benchmarks.md, storm). It is gone when neither
 * key exists, or when a connection to it failed (refused, unreachable or timed out;
 * {@link #markGone}) in the last {@link #GONE_MEMORY_MILLIS} ms; readers then drop and remove its
 * routes. A dead instance is therefore tried at most once per {@code GONE_MEMORY_MILLIS} per
 * delivery-service instance while its address key lives.
 */
@ApplicationScoped
public class GatewayRegistry {

    private static final long CACHE_MILLIS = 1000;
    static final long GONE_MEMORY_MILLIS = 60_000;

    /**
     * An instance to hand frames to.
     *
     * @param address its internal {@code host:port}
     * @param beating whether its heartbeat is current; false when only its address key is left
     */
    public record Gateway(String address, boolean beating) {
    }

    private record Entry(Optional<Gateway> gateway, long readAtMillis) {
    }

    private final ReactiveRedisDataSource redis;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Map<String, Long> goneAtMillis = new ConcurrentHashMap<>();

    public GatewayRegistry(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Each given instance that is there, by id; those that are gone are absent from the map. */
    public Uni<Map<String, Gateway>> reachable(Collection<String> gatewayIds) {
        long now = System.currentTimeMillis();
        Map<String, Gateway> there = new HashMap<>();
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
        String[] keys = new String[2 * unknown.size()];
        for (int i = 0; i < unknown.size(); i++) {
            keys[2 * i] = RedisKeys.gateway(unknown.get(i));
            keys[2 * i + 1] = RedisKeys.gatewayAddress(unknown.get(i));
        }
        return redis.value(String.class).mget(keys).map(values -> {
            for (String id : unknown) {
                Optional<Gateway> gateway = gatewayFrom(values.get(RedisKeys.gateway(id)),
                        values.get(RedisKeys.gatewayAddress(id)));
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

    private static Optional<Gateway> gatewayFrom(String heartbeatAddress, String lastAddress) {
        if (heartbeatAddress != null) {
            return Optional.of(new Gateway(heartbeatAddress, true));
        }
        return Optional.ofNullable(lastAddress).map(address -> new Gateway(address, false));
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
