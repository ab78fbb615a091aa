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

/** Which message id each (sender, client message id) got; written by {@link MessageStore}. */
@Startup
@ApplicationScoped
public class ClientSendStore {

    /** A send already stored. */
    public record PriorSend(UUID messageId, UUID chatId) {
    }

    private final QuarkusCqlSession session;
    private final PreparedStatement select;

    public ClientSendStore(QuarkusCqlSession session) {
        this.session = session;
        this.select = session.prepare(
                "SELECT message_id, chat_id FROM client_sends WHERE sender_id = ? AND client_message_id = ?");
    }

    public Uni<Optional<PriorSend>> find(UUID senderId, String clientMessageId) {
        return Cql.run(session, select.bind(senderId, clientMessageId)).map(rs -> {
            Row row = rs.one();
            return row == null ? Optional.empty()
                    : Optional.of(new PriorSend(row.getUuid("message_id"), row.getUuid("chat_id")));
        });
    }
}
