package dev.chat.delivery.routing;

import dev.chat.routing.GatewayStatus;
import dev.chat.routing.RouteStore;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The gateway instances that frames may be handed to, and their internal addresses, as the
 * liveness rule says ({@link GatewayStatus}: beating, or late but not gone), each read at most
 * {@link #CACHE_MILLIS} ms ago.
 *
 * <p>The instances a delivery used in the last {@link #IDLE_MILLIS} ms are read again in the
 * background every {@link #REFRESH_MILLIS} ms, all in one command, so a delivery reads liveness
 * from Redis only for an instance it has not met before (or when Redis did not answer a refresh):
 * a message does not wait for a second Redis round trip once a second, which at low rates was one
 * message in five. A handful of instances cost one small command twice a second.
 *
 * <p>What delivery adds to the rule: an instance a connection to which failed (refused,
 * unreachable or timed out; {@link #markGone}) in the last {@link #GONE_MEMORY_MILLIS} ms is gone
 * whatever its keys say; readers then drop and remove its routes. A dead instance is therefore
 * tried at most once per {@code GONE_MEMORY_MILLIS} per delivery-service instance while its address
 * key lives.
 */
@ApplicationScoped
public class GatewayRegistry {

    private static final Logger LOG = Logger.getLogger(GatewayRegistry.class);

    static final long CACHE_MILLIS = 1000;
    static final long REFRESH_MILLIS = 500;
    static final long IDLE_MILLIS = 60_000;
    static final long GONE_MEMORY_MILLIS = 60_000;

    private record Entry(Optional<GatewayStatus> gateway, long readAtMillis) {
    }

    private final Function<Collection<String>, Uni<Map<String, GatewayStatus>>> statusOf;
    private final LongSupplier clock;
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final Map<String, Long> usedAtMillis = new ConcurrentHashMap<>();
    private final Map<String, Long> goneAtMillis = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final long refresher;

    @Inject
    public GatewayRegistry(ReactiveRedisDataSource redis, Vertx vertx) {
        this(new RouteStore(redis)::statusOf, System::currentTimeMillis, vertx);
    }

    /** {@code statusOf} reads instances' liveness; with a {@code vertx}, the used ones are refreshed in the background. */
    GatewayRegistry(Function<Collection<String>, Uni<Map<String, GatewayStatus>>> statusOf, LongSupplier clock, Vertx vertx) {
        this.statusOf = statusOf;
        this.clock = clock;
        this.vertx = vertx;
        this.refresher = vertx == null ? -1 : vertx.setPeriodic(REFRESH_MILLIS, tick -> refresh());
    }

    /** Each given instance that is there, by id; those that are gone are absent from the map. */
    public Uni<Map<String, GatewayStatus>> reachable(Collection<String> gatewayIds) {
        long now = clock.getAsLong();
        Map<String, GatewayStatus> there = new HashMap<>();
        List<String> unknown = gatewayIds.stream().distinct().filter(id -> {
            if (recentlyGone(id, now)) {
                return false;
            }
            usedAtMillis.put(id, now);
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
        return read(unknown, now).map(statuses -> {
            unknown.forEach(id -> Optional.ofNullable(statuses.get(id)).ifPresent(gateway -> there.put(id, gateway)));
            return there;
        });
    }

    /** Records that a connection to the instance failed: it is gone, whatever its keys say. */
    public void markGone(String gatewayId) {
        goneAtMillis.put(gatewayId, clock.getAsLong());
        cache.remove(gatewayId);
    }

    /** Reads again the instances used in the last {@link #IDLE_MILLIS} ms, and forgets the others. */
    void refresh() {
        long now = clock.getAsLong();
        usedAtMillis.entrySet().removeIf(used -> now - used.getValue() >= IDLE_MILLIS);
        cache.keySet().retainAll(usedAtMillis.keySet());
        List<String> used = List.copyOf(usedAtMillis.keySet());
        if (!used.isEmpty()) {
            read(used, now).subscribe().with(statuses -> { }, failure -> LOG.debugf(
                    "Refreshing the liveness of %d gateway instances failed (deliveries read it themselves): %s",
                    used.size(), failure.getMessage()));
        }
    }

    private Uni<Map<String, GatewayStatus>> read(List<String> ids, long now) {
        return statusOf.apply(ids).invoke(statuses -> ids.forEach(id -> {
            if (!recentlyGone(id, now)) {
                cache.put(id, new Entry(Optional.ofNullable(statuses.get(id)), now));
            }
        }));
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

    @PreDestroy
    void stop() {
        if (vertx != null) {
            vertx.cancelTimer(refresher);
        }
    }
}
