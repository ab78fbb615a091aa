package dev.chat.inbox.storage;

import static dev.chat.inbox.ChatRows.currentBucket;
import static dev.chat.inbox.ChatRows.startOfBucket;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.inbox.ChatRows;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HistoryStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    HistoryStore history;

    @Inject
    ChatAccess access;

    @Inject
    QuarkusCqlSession cassandra;

    ChatRows rows;
    UUID ann;
    UUID chat;

    @BeforeEach
    void directChat() {
        rows = new ChatRows(cassandra);
        ann = UUID.randomUUID();
        chat = ChatIds.direct(ann, UUID.randomUUID());
    }

    @Test
    void aReadWalksMoreBucketsThanOneListingFetchHolds() {
        int buckets = HistoryStore.BUCKETS_PER_FETCH * 2 + 3;
        List<UUID> oldestFirst = onePerBucket(buckets);

        assertEquals(reversed(oldestFirst), ids(history.olderThan(chat, null, null, 100).await().atMost(WAIT)));
        assertEquals(oldestFirst.subList(1, buckets),
                ids(history.newerThan(chat, oldestFirst.get(0), null, 100).await().atMost(WAIT)));
    }

    @Test
    void aReadStopsAtTheCountItWasAskedFor() {
        List<UUID> oldestFirst = onePerBucket(5);

        assertEquals(List.of(oldestFirst.get(4), oldestFirst.get(3)),
                ids(history.olderThan(chat, null, null, 2).await().atMost(WAIT)));
        assertEquals(List.of(oldestFirst.get(2), oldestFirst.get(1)),
                ids(history.olderThan(chat, oldestFirst.get(3), null, 2).await().atMost(WAIT)));
        assertEquals(List.of(oldestFirst.get(2), oldestFirst.get(3)),
                ids(history.newerThan(chat, oldestFirst.get(1), null, 2).await().atMost(WAIT)));
    }

    @Test
    void aFloorEndsTheWalkBackAtItAndStartsTheWalkForwardAfterIt() {
        List<UUID> oldestFirst = onePerBucket(5);
        UUID floor = oldestFirst.get(2);

        assertEquals(List.of(oldestFirst.get(4), oldestFirst.get(3)),
                ids(history.olderThan(chat, null, floor, 10).await().atMost(WAIT)), "nothing at or before the floor");
        assertEquals(List.of(), ids(history.olderThan(chat, oldestFirst.get(3), floor, 10).await().atMost(WAIT)));
        assertEquals(List.of(oldestFirst.get(3), oldestFirst.get(4)),
                ids(history.newerThan(chat, oldestFirst.get(0), floor, 10).await().atMost(WAIT)), "a cursor before the floor");
        assertEquals(List.of(oldestFirst.get(4)),
                ids(history.newerThan(chat, oldestFirst.get(3), floor, 10).await().atMost(WAIT)), "a cursor after it");
    }

    @Test
    void aCursorInABucketWithoutMessagesReadsOnFromTheNearestBucketThatHasSome() {
        int now = currentBucket(chat);
        UUID older = rows.message(chat, ann, startOfBucket(chat, now - 4), "older");
        UUID newer = rows.message(chat, ann, startOfBucket(chat, now - 2), "newer");
        UUID inTheGap = Uuids.startOf(startOfBucket(chat, now - 3).plus(Duration.ofDays(1)).toEpochMilli());

        assertEquals(List.of(older), ids(history.olderThan(chat, inTheGap, null, 10).await().atMost(WAIT)));
        assertEquals(List.of(newer), ids(history.newerThan(chat, inTheGap, null, 10).await().atMost(WAIT)));
    }

    @Test
    void onlyTheBucketsTheChatsIndexNamesAreRead() {
        int now = currentBucket(chat);
        UUID indexed = rows.message(chat, ann, startOfBucket(chat, now - 1), "indexed");
        UUID unindexed = Uuids.startOf(startOfBucket(chat, now - 2).toEpochMilli());
        cassandra.execute("INSERT INTO messages (chat_id, bucket, message_id, sender_id, body) VALUES (?, ?, ?, ?, ?)",
                chat, now - 2, unindexed, ann, "never indexed");

        assertEquals(List.of(indexed), ids(history.olderThan(chat, null, null, 10).await().atMost(WAIT)));
    }

    @Test
    void groupChatsAreReadAcrossTheirDayBuckets() {
        UUID group = UUID.randomUUID();
        Instant start = Instant.now().minus(Duration.ofDays(10));
        List<UUID> oldestFirst = new ArrayList<>();
        for (int day = 0; day < 4; day++) {
            oldestFirst.add(rows.message(group, ann, start.plus(Duration.ofDays(day * 2L)), "day " + day));
        }
        assertEquals(4, oldestFirst.stream().map(id -> MessageBuckets.bucketOf(group, id)).distinct().count());

        List<HistoryMessage> newestFirst = history.olderThan(group, null, null, 10).await().atMost(WAIT);

        assertEquals(reversed(oldestFirst), ids(newestFirst));
        assertEquals("day 3", newestFirst.get(0).body());
        assertEquals(ann, newestFirst.get(0).senderId());
    }

    @Test
    void aUserMayReadTheOneToOneChatsOfTheirInboxAndNoOthers() {
        rows.member(ann, chat);

        assertTrue(access.mayRead(ann, chat).await().atMost(WAIT));
        assertFalse(access.mayRead(UUID.randomUUID(), chat).await().atMost(WAIT));
        assertFalse(access.mayRead(ann, ChatIds.direct(ann, UUID.randomUUID())).await().atMost(WAIT));
    }

    /** One message in each of the {@code count} buckets before the current one, oldest first. */
    private List<UUID> onePerBucket(int count) {
        int now = currentBucket(chat);
        List<UUID> oldestFirst = new ArrayList<>();
        for (int i = count; i >= 1; i--) {
            oldestFirst.add(rows.message(chat, ann, startOfBucket(chat, now - i).plusSeconds(i), "b" + i));
        }
        return oldestFirst;
    }

    private static List<UUID> ids(List<HistoryMessage> messages) {
        return messages.stream().map(HistoryMessage::messageId).toList();
    }

    private static List<UUID> reversed(List<UUID> ids) {
        List<UUID> copy = new ArrayList<>(ids);
        Collections.reverse(copy);
        return copy;
    }
}
