package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Which message or action id each (sender, client message id) got; written by {@link MessageStore}, {@link GroupMessageStore} and {@link ActionStore}. */
@Startup
@ApplicationScoped
public class ClientSendStore {

    /**
     * A send already stored.
     *
     * @param action for an action, what it did (lower case), with its {@code target} and {@code body}; null for a message
     */
    public record PriorSend(UUID messageId, UUID chatId, String action, UUID target, String body) {
    }

    private final QuarkusCqlSession session;
    private final PreparedStatement select;

    public ClientSendStore(QuarkusCqlSession session) {
        this.session = session;
        this.select = session.prepare(
                "SELECT message_id, chat_id, kind, target_id, body FROM client_sends WHERE sender_id = ? AND client_message_id = ?");
    }

    public Uni<Optional<PriorSend>> find(UUID senderId, String clientMessageId) {
        return Cql.run(session, select.bind(senderId, clientMessageId)).map(rs -> {
            Row row = rs.one();
            return row == null ? Optional.empty()
                    : Optional.of(new PriorSend(row.getUuid("message_id"), row.getUuid("chat_id"), row.getString("kind"),
                            row.getUuid("target_id"), row.getString("body")));
        });
    }
}
