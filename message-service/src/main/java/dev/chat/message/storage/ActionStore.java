package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.common.protocol.MessageAction;
import dev.chat.common.protocol.Previews;
import dev.chat.message.domain.StoredAction;
import dev.chat.support.cassandra.Cql;
import dev.chat.support.cassandra.PartitionBatches;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes an action on a message in two steps, like a group message ({@link GroupMessageStore}):
 * {@link #store} changes the message's own row and, in a one-to-one chat whose last message it
 * changes, both inbox previews, then records the send id; {@link #fanOut} writes
 * the action's pending row for every device it is for (and, for a deletion, deletes the message's
 * own pending rows there), as unlogged batches across partitions.
 *
 * <p>Every write is idempotent and carries the action's own time as write time, so running either
 * step again (a resend after a failure) changes nothing, and of two actions on one cell the later
 * one wins whatever order they arrive in: the latest edit is the body, a user's latest reaction is
 * theirs. A deletion is different: it clears the body and the reactions with a write time no other
 * write can pass ({@link #DELETED_FOREVER}), so an edit or reaction that raced it can never bring
 * the text back.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class ActionStore {

    /** 9999-12-31T23:59:59Z in microseconds: the write time of what a deletion clears. */
    static final long DELETED_FOREVER = 253_402_300_799_000_000L;
    private static final int BATCHES_IN_FLIGHT = 4;

    private final QuarkusCqlSession session;
    private final PendingStore pending;
    private final PreparedStatement react;
    private final PreparedStatement unreact;
    private final PreparedStatement edit;
    private final PreparedStatement delete;
    private final PreparedStatement insertClientSend;
    private final PreparedStatement updateInbox;

    public ActionStore(QuarkusCqlSession session, PendingStore pending) {
        this.session = session;
        this.pending = pending;
        String row = " WHERE chat_id = ? AND bucket = ? AND message_id = ?";
        this.react = session.prepare("UPDATE messages USING TIMESTAMP ? SET reactions[?] = ?" + row);
        this.unreact = session.prepare("DELETE reactions[?] FROM messages USING TIMESTAMP ?" + row);
        this.edit = session.prepare("UPDATE messages USING TIMESTAMP ? SET body = ?, edited_at = ?" + row);
        this.delete = session.prepare("UPDATE messages USING TIMESTAMP ? SET body = null, reactions = null, deleted_at = ?" + row);
        this.insertClientSend = session.prepare("INSERT INTO client_sends"
                + " (sender_id, client_message_id, message_id, chat_id, kind, target_id, body) VALUES (?, ?, ?, ?, ?, ?, ?)");
        this.updateInbox = session.prepare("UPDATE user_inbox USING TIMESTAMP ?"
                + " SET last_message_id = ?, last_sender_id = ?, last_message_preview = ? WHERE user_id = ? AND chat_id = ?");
    }

    /**
     * The action's change to its message's row and, when {@code inboxOwners} is not empty (an
     * edit or deletion of a one-to-one chat's last message), the preview of those users' inbox
     * rows, side by side; then its send id. No logged batch is needed: every write carries the
     * action's own time and may be made again, and the send id, written last, says that the rest
     * was written, so a resend that finds it runs only {@link #fanOut} again, and one that does
     * not writes everything again (docs/benchmarks.md measured the batch log's cost).
     *
     * @param targetSender the author of the message acted on (the inbox rows name them as its sender)
     */
    public Uni<Void> store(StoredAction a, UUID targetSender, List<UUID> inboxOwners) {
        long writeTime = micros(a.takenAt());
        int bucket = MessageBuckets.bucketOf(a.chatId(), a.target());
        BoundStatement change = switch (a.action()) {
            case REACT -> a.body().isEmpty()
                    ? unreact.bind(a.actorId(), writeTime, a.chatId(), bucket, a.target())
                    : react.bind(writeTime, a.actorId(), a.body(), a.chatId(), bucket, a.target());
            case EDIT -> edit.bind(writeTime, a.body(), a.takenAt(), a.chatId(), bucket, a.target());
            case DELETE -> delete.bind(DELETED_FOREVER, a.takenAt(), a.chatId(), bucket, a.target());
        };
        List<BoundStatement> first = new ArrayList<>(List.of(change));
        String preview = a.action() == MessageAction.DELETE ? Previews.DELETED : Previews.of(a.body());
        for (UUID owner : inboxOwners) {
            first.add(updateInbox.bind(writeTime, a.target(), targetSender, preview, owner, a.chatId()));
        }
        return Cql.runAll(session, first, first.size())
                .chain(() -> Cql.run(session, Cql.unsetNulls(insertClientSend.bind(a.actorId(), a.clientMessageId(),
                        a.actionId(), a.chatId(), a.action().wire(), a.target(), a.body()))))
                .replaceWithVoid();
    }

    /**
     * The action's pending row for every device of every user in {@code devices} but the device
     * that took it (a user without devices: their unclaimed row; the actor's own empty list: none),
     * and, for a deletion, the delete of the message's own pending rows on all of those devices
     * and the unclaimed rows, so that no copy of its body waits for a device.
     */
    public Uni<Void> fanOut(StoredAction a, Map<UUID, List<String>> devices) {
        PendingRow row = a.pendingRow();
        long writeTime = micros(a.takenAt());
        List<BoundStatement> writes = new ArrayList<>();
        devices.forEach((user, userDevices) -> {
            boolean actor = user.equals(a.actorId());
            List<String> targets = userDevices.isEmpty() && !actor ? List.of(PendingStore.UNCLAIMED) : userDevices;
            for (String device : targets) {
                if (!(actor && device.equals(a.actorDeviceId()))) {
                    writes.add(pending.insert(user, device, row));
                }
            }
            if (a.action() == MessageAction.DELETE) {
                for (String device : userDevices) {
                    writes.add(pending.delete(user, device, a.target(), writeTime));
                }
                writes.add(pending.delete(user, PendingStore.UNCLAIMED, a.target(), writeTime));
            }
        });
        return Cql.runAll(session, PartitionBatches.acrossPartitions(writes, session.getContext()), BATCHES_IN_FLIGHT);
    }

    private static long micros(Instant at) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at);
    }
}
