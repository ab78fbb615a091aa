package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The {@code blocks} table: whom each user has blocked, one partition per user. */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class BlockStore {

    /** One blocked user and since when. */
    public record Block(UUID userId, Instant blockedAt) {
    }

    private final QuarkusCqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement delete;

    public BlockStore(QuarkusCqlSession session) {
        this.session = session;
        this.select = session.prepare("SELECT blocked_id, blocked_at FROM blocks WHERE user_id = ?");
        this.insert = session.prepare("INSERT INTO blocks (user_id, blocked_id, blocked_at) VALUES (?, ?, ?)");
        this.delete = session.prepare("DELETE FROM blocks WHERE user_id = ? AND blocked_id = ?");
    }

    /** Everyone {@code userId} has blocked, in user id order. */
    public Uni<List<Block>> blockedBy(UUID userId) {
        return Cql.all(session, select.bind(userId), row -> new Block(row.getUuid("blocked_id"), row.getInstant("blocked_at")));
    }

    public Uni<Void> block(UUID userId, UUID blocked, Instant at) {
        return Cql.run(session, insert.bind(userId, blocked, at)).replaceWithVoid();
    }

    /** Idempotent: unblocking someone not blocked changes nothing. */
    public Uni<Void> unblock(UUID userId, UUID blocked) {
        return Cql.run(session, delete.bind(userId, blocked)).replaceWithVoid();
    }
}
