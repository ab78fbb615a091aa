package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The devices of each user that have connected ({@code user_devices}), which get pending rows.
 *
 * <p>Lists are cached for {@code chat.devices.cache-ttl} (default 5 s) to keep a read off the
 * path of every message. Consequence, documented in docs/data-model.md: a device that connects
 * for the very first time may miss, as pending, the messages sent in the following seconds; it
 * receives them live while connected, and they are in the chat's history in any case. A user's
 * first device is not affected: messages for a user with no device go to the unclaimed row.
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
    private final Cache<UUID, List<String>> cache;
    private final Cache<DeviceKey, Boolean> recentlyRegistered;

    private record DeviceKey(UUID userId, String deviceId) {
    }

    public DeviceDirectory(QuarkusCqlSession session,
            @ConfigProperty(name = "chat.devices.cache-ttl", defaultValue = "5s") Duration cacheTtl,
            @ConfigProperty(name = "chat.devices.refresh-interval", defaultValue = "1h") Duration refreshInterval) {
        this.session = session;
        this.select = session.prepare("SELECT device_id FROM user_devices WHERE user_id = ?");
        this.upsert = session.prepare("INSERT INTO user_devices (user_id, device_id, connected_at) VALUES (?, ?, ?)");
        this.cache = Caffeine.newBuilder().expireAfterWrite(cacheTtl).maximumSize(200_000).build();
        this.recentlyRegistered = Caffeine.newBuilder().expireAfterWrite(refreshInterval).maximumSize(1_000_000).build();
    }

    public Uni<List<String>> devicesOf(UUID userId) {
        List<String> cached = cache.getIfPresent(userId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Cql.run(session, select.bind(userId)).map(rs -> {
            List<String> devices = new ArrayList<>();
            for (Row row : rs.currentPage()) {
                devices.add(row.getString("device_id"));
            }
            cache.put(userId, List.copyOf(devices));
            return devices;
        });
    }

    /** Records a connection of the device, unless this instance did within the refresh interval. */
    public Uni<Void> register(UUID userId, String deviceId) {
        DeviceKey key = new DeviceKey(userId, deviceId);
        if (recentlyRegistered.getIfPresent(key) != null) {
            return Uni.createFrom().voidItem();
        }
        cache.invalidate(userId);
        return Cql.run(session, upsert.bind(userId, deviceId, Instant.now()))
                .invoke(() -> recentlyRegistered.put(key, Boolean.TRUE)).replaceWithVoid();
    }
}
