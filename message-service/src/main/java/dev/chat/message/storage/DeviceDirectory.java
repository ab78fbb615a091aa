package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The devices of each user that have connected ({@code user_devices}), which get pending rows.
 *
 * <p>Lists are cached to keep a read off the path of every message: an entry older than
 * {@code chat.devices.cache-refresh} (default 5 s) is served once more while it is re-read in the
 * background, and one older than {@code chat.devices.cache-ttl} (default 60 s) is re-read before
 * it is used. A user who gets a message more often than the TTL therefore costs one background
 * read per refresh interval and no read on any message's path. Registering a device drops its
 * user's entry on this instance at once; other instances see the device within the TTL.
 * Consequence, documented in docs/data-model.md: a device that connects for the very first time
 * may miss, as pending, the messages stored by another instance in the following minute; it
 * receives them live while connected, and they are in the chat's history in any case. A user's
 * first device is not affected: an empty list is never cached, and messages for a user with no
 * device go to the unclaimed rows, which the device claims ({@link UnclaimedMessages}).
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

    private final QuarkusCqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement upsert;
    private final AsyncLoadingCache<UUID, List<String>> cache;
    private final Cache<DeviceKey, Boolean> recentlyRegistered;

    private record DeviceKey(UUID userId, String deviceId) {
    }

    public DeviceDirectory(QuarkusCqlSession session,
            @ConfigProperty(name = "chat.devices.cache-refresh", defaultValue = "5s") Duration cacheRefresh,
            @ConfigProperty(name = "chat.devices.cache-ttl", defaultValue = "60s") Duration cacheTtl,
            @ConfigProperty(name = "chat.devices.refresh-interval", defaultValue = "1h") Duration refreshInterval) {
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

    /** Records a connection of the device, unless this instance did within the refresh interval. */
    public Uni<Void> register(UUID userId, String deviceId) {
        DeviceKey key = new DeviceKey(userId, deviceId);
        if (recentlyRegistered.getIfPresent(key) != null) {
            return Uni.createFrom().voidItem();
        }
        // Dropped before the write and again after it: a read that started in between would cache the old list.
        cache.synchronous().invalidate(userId);
        return Cql.run(session, upsert.bind(userId, deviceId, Instant.now())).invoke(() -> {
            cache.synchronous().invalidate(userId);
            recentlyRegistered.put(key, Boolean.TRUE);
        }).replaceWithVoid();
    }
}
