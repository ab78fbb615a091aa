package dev.chat.presence.storage;

import dev.chat.common.presence.DeviceRoute;
import dev.chat.common.presence.RedisKeys;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads presence from the routes the gateways write (see {@link RedisKeys}). Read-only: stale
 * routes of dead gateways are ignored here and removed by delivery-service.
 */
@ApplicationScoped
public class PresenceReader {

    private final ReactiveRedisDataSource redis;

    public PresenceReader(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Presence of each user, in the order given; three Redis round trips whatever the count. */
    public Uni<List<Presence>> presenceOf(List<UUID> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Map<String, String>>> routeReads = users.stream()
                .map(u -> redis.hash(String.class).hgetall(RedisKeys.routes(u))).toList();
        String[] lastSeenKeys = users.stream().map(RedisKeys::lastSeen).toArray(String[]::new);
        return Uni.combine().all().unis(Uni.join().all(routeReads).andFailFast(), redis.value(String.class).mget(lastSeenKeys))
                .asTuple()
                .chain(both -> {
                    List<Map<String, String>> routes = both.getItem1();
                    Map<String, String> lastSeen = both.getItem2();
                    Set<String> gateways = new LinkedHashSet<>();
                    routes.forEach(r -> gateways.addAll(r.values()));
                    Uni<Set<String>> alive = aliveAmong(gateways);
                    return alive.map(live -> {
                        List<Presence> result = new ArrayList<>(users.size());
                        for (int i = 0; i < users.size(); i++) {
                            int devices = DeviceRoute.live(routes.get(i), live::contains).size();
                            String seen = lastSeen.get(RedisKeys.lastSeen(users.get(i)));
                            result.add(Presence.of(users.get(i), devices > 0, devices,
                                    seen == null ? null : Instant.ofEpochMilli(Long.parseLong(seen))));
                        }
                        return result;
                    });
                });
    }

    private Uni<Set<String>> aliveAmong(Set<String> gateways) {
        if (gateways.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        List<String> ids = List.copyOf(gateways);
        return redis.value(String.class).mget(ids.stream().map(RedisKeys::gateway).toArray(String[]::new))
                .map(addresses -> {
                    Set<String> alive = new LinkedHashSet<>();
                    ids.forEach(id -> {
                        if (addresses.get(RedisKeys.gateway(id)) != null) {
                            alive.add(id);
                        }
                    });
                    return alive;
                });
    }
}
