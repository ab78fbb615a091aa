package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/**
 * Whether users send and see read receipts in one-to-one chats ({@code users.read_receipts},
 * written by contacts-service through {@code PUT /v1/accounts/me/privacy}; never chosen is on).
 *
 * <p>Not cached: it is read on every one-to-one "seen", one single-partition read per user side by
 * side, so turning receipts off applies to the very next message read, on every instance. A seen
 * is sent when a user reads a chat, not per message delivered, so the read stays off the send path.
 */
@Startup // prepares its statement at start-up, never on an event-loop thread
@ApplicationScoped
public class ReadReceiptSettings {

    private final QuarkusCqlSession session;
    private final PreparedStatement select;

    public ReadReceiptSettings(QuarkusCqlSession session) {
        this.session = session;
        this.select = session.prepare("SELECT read_receipts FROM users WHERE user_id = ?");
    }

    /**
     * Whether both users have read receipts on: only then does one's "seen" reach the other, as
     * WhatsApp makes the setting work both ways. A user without an account row counts as on.
     */
    public Uni<Boolean> bothOn(UUID reader, UUID sender) {
        return Uni.join().all(List.of(isOn(reader), isOn(sender))).andFailFast().map(on -> on.get(0) && on.get(1));
    }

    private Uni<Boolean> isOn(UUID userId) {
        return Cql.run(session, select.bind(userId)).map(rs -> {
            var row = rs.one();
            return row == null || row.isNull("read_receipts") || row.getBoolean("read_receipts");
        });
    }
}
