package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chat.message.config.MessageServiceConfig;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import io.smallrye.mutiny.Multi;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The devices of each user that have connected ({@code user_devices}), which get pending rows.
 *
 * <p>Lists are cached to keep a read off the path of every message, and kept fresh by
 * invalidation: the instance that records a device announces it ({@link dev.chat.common.events.DeviceRegistered}
 * on {@code chat.devices}), and every instance drops that user's list when the announcement
 * arrives ({@link #forget}), within milliseconds, then reads it again at once
 * (CacheAnnouncements), so the next message to that user waits for no read. As a safety net for
 * a lost announcement, an entry older than {@code chat.devices.cache-refresh} (default 60 s) is served once more while it
 * is re-read in the background, and one older than {@code chat.devices.cache-ttl} (default 10 min)
 * is re-read before it is used. Consequence, documented in docs/data-model.md: a device that
 * connects for the very first time may miss, as pending, the messages another instance stores
 * before the announcement reaches it; it receives them live while connected, and they are in the
 * chat's history in any case. A user's first device is not affected: an empty list is never
 * cached, and messages for a user with no device go to the unclaimed rows, which the device
 * claims ({@link UnclaimedMessages}).
 *
 * <p>A device's row is written when it connects, but at most once per
 * {@code chat.devices.refresh-interval} (default 1 h) by one instance: the row lives 60 days, so
 * refreshing it hourly keeps it as surely as on every connection, and a reconnecting device (a
 * gateway restart moves thousands at once) costs no Cassandra write. {@code connected_at} is
 * therefore the last connection to within that interval.
 */
@Startup
@ApplicationScoped
public class DeviceDirectory {

    private static final int LOOKUPS_IN_FLIGHT = 32;

    private final QuarkusCqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement upsert;
    private final AsyncLoadingCache<UUID, List<String>> cache;
    private final Cache<DeviceKey, Boolean> recentlyRegistered;

    private record DeviceKey(UUID userId, String deviceId) {
    }

    public DeviceDirectory(QuarkusCqlSession session,
            MessageServiceConfig config) {
        Duration cacheRefresh = config.devices().cacheRefresh();
        Duration cacheTtl = config.devices().cacheTtl();
        Duration refreshInterval = config.devices().refreshInterval();
        this.session = session;
        this.select = session.prepare("SELECT device_id FROM user_devices WHERE user_id = ?");
        this.upsert = session.prepare("INSERT INTO user_devices (user_id, device_id, connected_at) VALUES (?, ?, ?)");
        // The loader only starts an asynchronous query, so it runs on the calling thread: no pool hop.
        this.cache = Caffeine.newBuilder().refreshAfterWrite(cacheRefresh).expireAfterWrite(cacheTtl).maximumSize(200_000)
                .executor(Runnable::run).buildAsync((userId, executor) -> read(userId));
        this.recentlyRegistered = Caffeine.newBuilder().expireAfterWrite(refreshInterval).maximumSize(1_000_000).build();
    }

    /**
     * The user's devices, from the cache as described above. An empty list is never kept: a user
     * without devices is read again on the next call, so the first device is seen at once.
     */
    public Uni<List<String>> devicesOf(UUID userId) {
        return Uni.createFrom().completionStage(() -> cache.get(userId)).invoke(list -> {
            if (list.isEmpty()) {
                cache.synchronous().invalidate(userId);
            }
        });
    }

    /** The devices of each of {@code users} ({@link #devicesOf(UUID)}), {@value #LOOKUPS_IN_FLIGHT} looked up at a time. */
    public Uni<Map<UUID, List<String>>> devicesOfEach(Collection<UUID> users) {
        return Multi.createFrom().iterable(List.copyOf(users))
                .onItem().transformToUni(user -> devicesOf(user).map(list -> Map.entry(user, list)))
                .merge(LOOKUPS_IN_FLIGHT)
                .collect().asMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /** The user's devices as Cassandra has them now (bypassing the cache, and refreshing it). */
    public Uni<List<String>> freshDevicesOf(UUID userId) {
        return Uni.createFrom().completionStage(() -> read(userId)).invoke(list -> {
            if (!list.isEmpty()) {
                cache.put(userId, CompletableFuture.completedFuture(list));
            }
        });
    }

    private CompletableFuture<List<String>> read(UUID userId) {
        return Cql.all(session, select.bind(userId), row -> row.getString("device_id")).map(List::copyOf)
                .subscribeAsCompletionStage();
    }

    /**
     * Records a connection of the device, unless this instance did within the refresh interval;
     * true when the row was written (the caller then announces the device).
     */
    public Uni<Boolean> register(UUID userId, String deviceId) {
        DeviceKey key = new DeviceKey(userId, deviceId);
        if (recentlyRegistered.getIfPresent(key) != null) {
            return Uni.createFrom().item(false);
        }
        // Dropped before the write and again after it: a read that started in between would cache the old list.
        forget(userId);
        return Cql.run(session, upsert.bind(userId, deviceId, Instant.now())).map(written -> {
            forget(userId);
            recentlyRegistered.put(key, Boolean.TRUE);
            return true;
        });
    }

    /** The user's list if it is in the cache, read and complete; empty otherwise. */
    public Optional<List<String>> cachedDevicesOf(UUID userId) {
        CompletableFuture<List<String>> cached = cache.getIfPresent(userId);
        return cached != null && cached.isDone() && !cached.isCompletedExceptionally()
                ? Optional.of(cached.join()) : Optional.empty();
    }

    /** Drops the user's cached list: the next message reads it again. */
    public void forget(UUID userId) {
        cache.synchronous().invalidate(userId);
    }
}
