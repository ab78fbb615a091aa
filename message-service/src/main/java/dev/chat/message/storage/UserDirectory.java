package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Whether a user id belongs to a registered account ({@code users}, written by contacts-service).
 *
 * <p>Only answers "registered" are cached: accounts are never deleted, so a cached yes stays true,
 * and a user who registers a moment after a refused send is found by the very next one. The cache
 * keeps the read off the path of all but a sender's first message to each recipient.
 */
@Startup // prepares its statement at start-up, never on an event-loop thread
@ApplicationScoped
public class UserDirectory {

    private final QuarkusCqlSession session;
    private final PreparedStatement select;
    private final Cache<UUID, Boolean> registered;

    public UserDirectory(QuarkusCqlSession session) {
        this.session = session;
        this.select = session.prepare("SELECT user_id FROM users WHERE user_id = ?");
        this.registered = Caffeine.newBuilder().maximumSize(500_000).build();
    }

    public Uni<Boolean> isRegistered(UUID userId) {
        if (registered.getIfPresent(userId) != null) {
            return Uni.createFrom().item(true);
        }
        return Cql.exists(session, select.bind(userId)).invoke(found -> {
            if (found) {
                registered.put(userId, true);
            }
        });
    }
}
