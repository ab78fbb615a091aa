package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.common.ids.TimeUuids;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Writes receipts: the delivered and seen flags, pending rows done with, unread ids seen. */
@Startup
@ApplicationScoped
public class ReceiptStore {

    private final QuarkusCqlSession session;
    private final PreparedStatement deletePending;
    private final PreparedStatement markDelivered;
    private final PreparedStatement markSeen;
    private final PreparedStatement clearUnread;
    private final PreparedStatement advanceDelivered;
    private final PreparedStatement advanceSeen;

    public ReceiptStore(QuarkusCqlSession session) {
        this.session = session;
        this.deletePending = session.prepare(
                "DELETE FROM pending_messages WHERE user_id = ? AND device_id = ? AND message_id IN ?");
        this.markDelivered = session.prepare(
                "UPDATE messages SET is_delivered = true WHERE chat_id = ? AND bucket = ? AND message_id = ?");
        this.markSeen = session.prepare("UPDATE messages SET is_delivered = true, is_seen = true"
                + " WHERE chat_id = ? AND bucket = ? AND message_id = ?");
        this.clearUnread = session.prepare("UPDATE user_inbox SET unread_message_ids = unread_message_ids - ?,"
                + " seen_up_to = ? WHERE user_id = ? AND chat_id = ?");
        this.advanceDelivered = session.prepare("UPDATE group_members USING TIMESTAMP ? SET delivered_up_to = ?"
                + " WHERE group_id = ? AND user_id = ?");
        this.advanceSeen = session.prepare("UPDATE group_members USING TIMESTAMP ? SET delivered_up_to = ?, seen_up_to = ?"
                + " WHERE group_id = ? AND user_id = ?");
    }

    /**
     * A member's device is done with these group messages: its pending rows go, and the member's
     * delivered position moves up to the newest of them. Positions are written with the message's
     * own time as write time, so an older receipt arriving late never moves one back.
     */
    public Uni<Void> markGroupDelivered(UUID userId, String deviceId, UUID groupId, List<UUID> messageIds) {
        UUID newest = messageIds.stream().max(TimeUuids::compare).orElseThrow();
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED)
                .addStatement(deletePending.bind(userId, deviceId, messageIds))
                .addStatement(advanceDelivered.bind(micros(newest), newest, groupId, userId));
        return Cql.run(session, batch.build()).replaceWithVoid();
    }

    /** A member has seen the group up to {@code upTo}: unread ids up to it go, both positions move up to it. */
    public Uni<Void> markGroupSeen(UUID userId, UUID groupId, UUID upTo, List<UUID> seenIds) {
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED)
                .addStatement(clearUnread.bind(Set.copyOf(seenIds), upTo, userId, groupId))
                .addStatement(advanceSeen.bind(micros(upTo), upTo, upTo, groupId, userId));
        return Cql.run(session, batch.build()).replaceWithVoid();
    }

    private static long micros(UUID timeBased) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, TimeUuids.instantOf(timeBased));
    }

    /** The device is done with {@code messageIds} (all pending for it): one logged batch. */
    public Uni<Void> markDelivered(UUID userId, String deviceId, UUID chatId, List<UUID> messageIds) {
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED)
                .addStatement(deletePending.bind(userId, deviceId, messageIds));
        for (UUID id : messageIds) {
            batch.addStatement(markDelivered.bind(chatId, MessageBuckets.bucketOf(chatId, id), id));
        }
        return Cql.run(session, batch.build()).replaceWithVoid();
    }

    /** The user has seen the chat up to {@code upTo}; {@code seenIds} are the unread ids that covers. */
    public Uni<Void> markSeen(UUID userId, UUID chatId, UUID upTo, List<UUID> seenIds) {
        BatchStatementBuilder batch = BatchStatement.builder(BatchType.LOGGED)
                .addStatement(clearUnread.bind(Set.copyOf(seenIds), upTo, userId, chatId));
        for (UUID id : seenIds) {
            batch.addStatement(markSeen.bind(chatId, MessageBuckets.bucketOf(chatId, id), id));
        }
        return Cql.run(session, batch.build()).replaceWithVoid();
    }
}
