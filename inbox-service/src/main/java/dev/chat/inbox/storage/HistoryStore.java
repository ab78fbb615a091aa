package dev.chat.inbox.storage;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.common.ids.TimeUuids;
import dev.chat.support.cassandra.AttachmentColumn;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a chat's messages on either side of a message id, crossing its time buckets.
 *
 * <p>A chat's messages are spread over one partition per time bucket ({@link MessageBuckets}).
 * The buckets to read come from {@code chat_buckets}, which names every bucket holding a message
 * of the chat, so a silence of months or years costs no reads of empty partitions. Partitions are
 * read one after another, each asked only for the messages still missing, until the requested
 * count is reached or the chat's buckets run out; a page therefore touches as few partitions as
 * its messages occupy, and at most {@code count} of them.
 *
 * <p>A message is found only once its {@code chat_buckets} row exists; message-service writes both
 * in one logged batch. Nothing here checks who may read the chat: callers do.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class HistoryStore {

    /**
     * Buckets are listed a few at a time: most pages fill from one or two buckets, and a long-lived
     * chat's whole bucket list is not worth reading for them.
     */
    static final int BUCKETS_PER_FETCH = 8;

    private static final String COLUMNS = "SELECT message_id, sender_id, body, is_delivered, is_seen, kind, subject_id,"
            + " reply_to, edited_at, deleted_at, reactions, attachment FROM messages";

    private final QuarkusCqlSession session;
    private final PreparedStatement bucketsDownFrom;
    private final PreparedStatement bucketsUpFrom;
    private final PreparedStatement newestIn;
    private final PreparedStatement olderIn;
    private final PreparedStatement oldestIn;
    private final PreparedStatement newerIn;
    private final PreparedStatement oneIn;
    private final PreparedStatement messageIn;

    public HistoryStore(QuarkusCqlSession session) {
        this.session = session;
        this.bucketsDownFrom = session.prepare(
                "SELECT bucket FROM chat_buckets WHERE chat_id = ? AND bucket <= ?");
        this.bucketsUpFrom = session.prepare(
                "SELECT bucket FROM chat_buckets WHERE chat_id = ? AND bucket >= ? ORDER BY bucket ASC");
        this.newestIn = session.prepare(COLUMNS + " WHERE chat_id = ? AND bucket = ? LIMIT ?");
        this.olderIn = session.prepare(COLUMNS + " WHERE chat_id = ? AND bucket = ? AND message_id < ? LIMIT ?");
        this.oldestIn = session.prepare(COLUMNS + " WHERE chat_id = ? AND bucket = ? ORDER BY message_id ASC LIMIT ?");
        this.newerIn = session.prepare(COLUMNS
                + " WHERE chat_id = ? AND bucket = ? AND message_id > ? ORDER BY message_id ASC LIMIT ?");
        this.oneIn = session.prepare("SELECT message_id FROM messages WHERE chat_id = ? AND bucket = ? AND message_id = ?");
        this.messageIn = session.prepare(COLUMNS + " WHERE chat_id = ? AND bucket = ? AND message_id = ?");
    }

    /** Whether the chat has a message with this id (a version-1 UUID). */
    public Uni<Boolean> contains(UUID chatId, UUID messageId) {
        return Cql.exists(session, oneIn.bind(chatId, MessageBuckets.bucketOf(chatId, messageId), messageId));
    }

    /** The chat's message with this id (a version-1 UUID), as a history page shows it; empty when there is none. */
    public Uni<Optional<HistoryMessage>> find(UUID chatId, UUID messageId) {
        return Cql.all(session, messageIn.bind(chatId, MessageBuckets.bucketOf(chatId, messageId), messageId), HistoryStore::toMessage)
                .map(found -> found.stream().findFirst());
    }

    /**
     * Up to {@code count} messages of the chat older than {@code before}, newest first; the newest
     * of the chat when {@code before} is null. None at or before {@code floor} (null: no floor): the
     * walk stops at the first such message.
     */
    public Uni<List<HistoryMessage>> olderThan(UUID chatId, UUID before, UUID floor, int count) {
        int fromBucket = before == null ? Integer.MAX_VALUE : MessageBuckets.bucketOf(chatId, before);
        return new Walk(count, floor) {
            @Override
            BoundStatement messagesIn(int bucket, int wanted) {
                return before != null && bucket == fromBucket
                        ? olderIn.bind(chatId, bucket, before, wanted)
                        : newestIn.bind(chatId, bucket, wanted);
            }
        }.run(bucketsDownFrom.bind(chatId, fromBucket));
    }

    /**
     * Up to {@code count} messages of the chat newer than {@code after}, oldest (closest to it)
     * first; newer than {@code floor} too when it is given and later.
     */
    public Uni<List<HistoryMessage>> newerThan(UUID chatId, UUID after, UUID floor, int count) {
        UUID from = floor != null && TimeUuids.compare(after, floor) < 0 ? floor : after;
        return walkNewer(chatId, from, count);
    }

    private Uni<List<HistoryMessage>> walkNewer(UUID chatId, UUID after, int count) {
        int fromBucket = MessageBuckets.bucketOf(chatId, after);
        return new Walk(count, null) {
            @Override
            BoundStatement messagesIn(int bucket, int wanted) {
                return bucket == fromBucket
                        ? newerIn.bind(chatId, bucket, after, wanted)
                        : oldestIn.bind(chatId, bucket, wanted);
            }
        }.run(bucketsUpFrom.bind(chatId, fromBucket));
    }

    /** One read: walks the listed buckets in their order, collecting messages until it has enough. */
    private abstract class Walk {

        private final int count;
        private final UUID floor;
        private final List<HistoryMessage> found = new ArrayList<>();
        private boolean floorReached;

        /** {@code floor}: for a walk towards older messages, the newest id not to return (null: none). */
        Walk(int count, UUID floor) {
            this.count = count;
            this.floor = floor;
        }

        /** The query for at most {@code wanted} messages of one bucket, in the walk's direction. */
        abstract BoundStatement messagesIn(int bucket, int wanted);

        Uni<List<HistoryMessage>> run(BoundStatement listBuckets) {
            if (count <= 0) {
                return Uni.createFrom().item(List.of());
            }
            return execute(listBuckets.setPageSize(BUCKETS_PER_FETCH)).chain(this::walk);
        }

        private Uni<List<HistoryMessage>> walk(AsyncResultSet buckets) {
            return next(buckets, buckets.currentPage().iterator());
        }

        private Uni<List<HistoryMessage>> next(AsyncResultSet buckets, Iterator<Row> listed) {
            if (found.size() >= count || floorReached) {
                return Uni.createFrom().item(found);
            }
            if (!listed.hasNext()) {
                return buckets.hasMorePages()
                        ? Uni.createFrom().completionStage(buckets::fetchNextPage).chain(this::walk)
                        : Uni.createFrom().item(found);
            }
            int bucket = listed.next().getInt("bucket");
            int wanted = count - found.size();
            // A page as large as the LIMIT: the first page is then usually the whole answer.
            return Cql.all(session, messagesIn(bucket, wanted).setPageSize(wanted), HistoryStore::toMessage)
                    .chain(messages -> {
                        for (HistoryMessage message : messages) {
                            if (floor != null && TimeUuids.compare(message.messageId(), floor) <= 0) {
                                floorReached = true; // newest first: every message after it is older still
                                break;
                            }
                            found.add(message);
                        }
                        return next(buckets, listed);
                    });
        }

        private Uni<AsyncResultSet> execute(BoundStatement statement) {
            return Cql.run(session, statement);
        }
    }

    private static HistoryMessage toMessage(Row row) {
        UUID id = row.getUuid("message_id");
        // Group messages carry no receipts: a missing flag reads as false.
        boolean delivered = !row.isNull("is_delivered") && row.getBoolean("is_delivered");
        boolean seen = !row.isNull("is_seen") && row.getBoolean("is_seen");
        boolean deleted = !row.isNull("deleted_at");
        return new HistoryMessage(id, row.getUuid("sender_id"), deleted ? null : row.getString("body"),
                TimeUuids.instantOf(id), delivered, seen, row.getString("kind"), row.getUuid("subject_id"),
                row.getUuid("reply_to"), deleted ? null : row.getInstant("edited_at"), deleted ? Boolean.TRUE : null,
                deleted ? List.of() : HistoryMessage.reactionsOf(row.getMap("reactions", UUID.class, String.class)),
                deleted ? null : AttachmentColumn.read(row.getString("attachment")), null);
    }
}
