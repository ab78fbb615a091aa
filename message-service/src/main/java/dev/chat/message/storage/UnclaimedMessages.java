package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.message.config.MessageServiceConfig;
import dev.chat.support.cassandra.Cql;
import dev.chat.support.cassandra.PartitionBatches;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import io.smallrye.mutiny.Multi;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The messages a user received while having no device ({@link PendingStore#UNCLAIMED}), and how
 * they reach the user's devices.
 *
 * <p><b>Claim</b> ({@link #claim}), when a device connects: the unclaimed rows are read oldest
 * first, {@value #CHUNK} at a time; each chunk is copied into the rows of every device the user
 * has, and only once every copy is written is the chunk's id range deleted. The copies keep each
 * row's original write time and remaining time to live. Guarantees: a row is never deleted before
 * it was copied; a claim that stops anywhere (the process killed, Cassandra timing out) leaves
 * rows in both places at worst, and the next claim copies them again, which changes nothing (same
 * keys, same write time), then deletes them; a row a device has acknowledged is never brought
 * back (its delete is newer than any copy). One claim does at most {@code chat.devices.claim-budget}
 * of work and then reports that rows remain; the caller asks again.
 *
 * <p><b>Settling</b> ({@link #settle}), after a message was stored as unclaimed: the writer reads
 * the user's devices again, and if a device has appeared meanwhile it copies the row to it and
 * deletes the unclaimed one itself. This closes the one race of the claim: a message whose writer
 * read "no devices" just before a device registered, and whose row landed just after that
 * device's claim had read the unclaimed rows, would otherwise wait for the next claim (and its
 * live push would not count as delivered). Between claim and settling, every unclaimed row
 * reaches every device that existed when it was written or claimed.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class UnclaimedMessages {

    /** Rows read, copied and deleted in one step of a claim. */
    static final int CHUNK = 200;
    private static final int COPIES_IN_FLIGHT = 4;

    private final QuarkusCqlSession session;
    private final PendingStore pending;
    private final DeviceDirectory devices;
    private final Duration budget;
    private final PreparedStatement firstChunk;
    private final PreparedStatement chunkAfter;
    private final PreparedStatement copy;
    private final PreparedStatement deleteRange;
    private final PreparedStatement deleteOne;

    public UnclaimedMessages(QuarkusCqlSession session, PendingStore pending, DeviceDirectory devices,
            MessageServiceConfig config) {
        this.session = session;
        this.pending = pending;
        this.devices = devices;
        this.budget = config.devices().claimBudget();
        String select = "SELECT " + PendingStore.COLUMNS + ", WRITETIME(chat_id) AS written, TTL(chat_id) AS ttl"
                + " FROM pending_messages WHERE user_id = ? AND device_id = '" + PendingStore.UNCLAIMED + "'";
        this.firstChunk = session.prepare(select + " LIMIT " + CHUNK);
        this.chunkAfter = session.prepare(select + " AND message_id > ? LIMIT " + CHUNK);
        this.copy = session.prepare("INSERT INTO pending_messages (user_id, device_id, " + PendingStore.COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TIMESTAMP ? AND TTL ?");
        this.deleteRange = session.prepare("DELETE FROM pending_messages WHERE user_id = ? AND device_id = '"
                + PendingStore.UNCLAIMED + "' AND message_id >= ? AND message_id <= ?");
        this.deleteOne = session.prepare("DELETE FROM pending_messages WHERE user_id = ? AND device_id = '"
                + PendingStore.UNCLAIMED + "' AND message_id = ?");
    }

    /**
     * Moves the user's unclaimed messages to the user's devices ({@code connecting} among them).
     * Completes with true when none remain, false when the budget ran out first (call again).
     */
    public Uni<Boolean> claim(UUID userId, String connecting) {
        long deadline = System.nanoTime() + budget.toNanos();
        // Usually there is nothing to claim: then this one read of an empty partition is all it costs.
        return readChunk(userId, null).chain(rows -> rows.isEmpty() ? Uni.createFrom().item(true)
                : devices.freshDevicesOf(userId).chain(known -> {
                    Set<String> targets = new LinkedHashSet<>(known);
                    targets.add(connecting);
                    return move(userId, List.copyOf(targets), rows, deadline);
                }));
    }

    private Uni<List<Row>> readChunk(UUID userId, UUID after) {
        BoundStatement read = after == null ? firstChunk.bind(userId) : chunkAfter.bind(userId, after);
        return Cql.all(session, read.setPageSize(CHUNK), row -> row);
    }

    /** Copies {@code rows} (a chunk, oldest first) to every target, deletes them, and goes on with the next chunk. */
    private Uni<Boolean> move(UUID userId, List<String> targets, List<Row> rows, long deadline) {
        UUID first = rows.get(0).getUuid("message_id");
        UUID last = rows.get(rows.size() - 1).getUuid("message_id");
        return Cql.runAll(session, copies(userId, targets, rows), COPIES_IN_FLIGHT)
                .chain(() -> Cql.run(session, deleteRange.bind(userId, first, last)))
                .chain(() -> {
                    if (rows.size() < CHUNK) {
                        return Uni.createFrom().item(true);
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        return Uni.createFrom().item(false);
                    }
                    return readChunk(userId, last).chain(next -> next.isEmpty() ? Uni.createFrom().item(true)
                            : move(userId, targets, next, deadline));
                });
    }

    private List<Statement<?>> copies(UUID userId, List<String> targets, List<Row> rows) {
        List<Statement<?>> batches = new ArrayList<>();
        for (String device : targets) {
            List<BoundStatement> writes = new ArrayList<>(rows.size());
            for (Row row : rows) {
                BoundStatement write = copy.bind(userId, device, row.getUuid("message_id"), row.getUuid("chat_id"),
                        row.getUuid("sender_id"), row.getString("body"), row.getString("kind"), row.getUuid("subject_id"),
                        row.getUuid("reply_to"), row.getUuid("target_id"), row.getString("attachment"), row.getLong("written"));
                int ttl = PendingStore.COLUMN_COUNT + 3; // after the user, the device, the columns and the write time
                writes.add(Cql.unsetNulls(row.isNull("ttl") ? write.unset(ttl) : write.setInt(ttl, row.getInt("ttl"))));
            }
            batches.addAll(PartitionBatches.of(writes, session.getContext()));
        }
        return batches;
    }

    /**
     * {@link #settle} for every user of {@code devices} who had none when {@code row} was written
     * (their unclaimed row), but {@code sender}, who is never sent their own message as unclaimed.
     */
    public Uni<Void> settleDeviceless(Map<UUID, List<String>> devices, UUID sender, PendingRow row) {
        List<UUID> deviceless = devices.entrySet().stream()
                .filter(e -> e.getValue().isEmpty() && !e.getKey().equals(sender)).map(Map.Entry::getKey).toList();
        return Multi.createFrom().iterable(deviceless)
                .onItem().transformToUni(user -> settle(user, row)).merge(COPIES_IN_FLIGHT)
                .collect().last().replaceWithVoid();
    }

    /**
     * Called after {@code row} was written as unclaimed for {@code userId}: if the user has a
     * device by now, the row is written for each device and the unclaimed one deleted.
     */
    public Uni<Void> settle(UUID userId, PendingRow row) {
        return devices.freshDevicesOf(userId).chain(now -> {
            if (now.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<BoundStatement> writes = now.stream().map(device -> pending.insert(userId, device, row)).toList();
            return Cql.runAll(session, writes, COPIES_IN_FLIGHT)
                    .chain(() -> Cql.run(session, deleteOne.bind(userId, row.messageId())))
                    .replaceWithVoid();
        });
    }
}
