package dev.chat.inbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.common.ids.TimeUuids;
import dev.chat.inbox.ChatRows;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Real Cassandra: group lines derived from the group's messages and the member's read position. */
@QuarkusTest
class GroupConversationsTest {

    @Inject
    InboxStore inbox;

    @Inject
    QuarkusCqlSession cassandra;

    @Test
    void aMembersGroupLineShowsTheNewestMessageAndCountsOthersMessagesAfterTheReadPositionAcrossBuckets() {
        UUID group = UUID.randomUUID();
        UUID me = UUID.randomUUID();
        UUID ann = UUID.randomUUID();
        ChatRows rows = new ChatRows(cassandra);
        int today = ChatRows.currentBucket(group);
        Instant yesterday = ChatRows.startOfBucket(group, today - 1).plusSeconds(60);
        UUID read = rows.message(group, ann, yesterday, "read already");
        rows.message(group, ann, yesterday.plusSeconds(1), "unread, yesterday");
        rows.message(group, me, yesterday.plusSeconds(2), "my own, never unread");
        Instant now = Instant.now();
        rows.message(group, ann, now.minusSeconds(2), "unread, today");
        UUID newest = rows.message(group, ann, now.minusSeconds(1), "the newest");
        joined(me, group, read, Set.of());

        InboxEntry line = only(me);

        assertEquals(newest, line.lastMessageId());
        assertEquals(ann, line.lastSenderId());
        assertEquals("the newest", line.lastMessagePreview());
        assertEquals(3, line.unreadCount(), "two today and one yesterday; not the one read, not my own");
    }

    @Test
    void othersMessagesAreCountedUpToTheCapEvenWhenTheMembersOwnAreAmongTheNewest() {
        UUID group = UUID.randomUUID();
        UUID me = UUID.randomUUID();
        UUID ann = UUID.randomUUID();
        ChatRows rows = new ChatRows(cassandra);
        Instant start = Instant.now().minusSeconds(2 * GroupConversations.UNREAD_COUNTED);
        UUID read = rows.message(group, ann, start, "read already");
        for (int i = 1; i <= 2 * GroupConversations.UNREAD_COUNTED; i++) {
            rows.message(group, i % 2 == 0 ? me : ann, start.plusMillis(500L * i), "message " + i);
        }
        joined(me, group, read, Set.of());

        assertEquals(GroupConversations.UNREAD_COUNTED, only(me).unreadCount(),
                "1,000 of ann's after my read position, though half of the newest 2,000 are mine");
    }

    @Test
    void aNewMemberCountsFromTheMessageThatAddedThemWhetherTheRowHoldsThePositionOrOnlyTheUnreadId() {
        UUID storedPosition = UUID.randomUUID();
        UUID derivedPosition = UUID.randomUUID();
        UUID me = UUID.randomUUID();
        UUID addedHere = addedBetweenTwoMessages(storedPosition);
        UUID addedThere = addedBetweenTwoMessages(derivedPosition);
        joined(me, storedPosition, TimeUuids.justBefore(addedHere), Set.of(addedHere));
        joined(me, derivedPosition, null, Set.of(addedThere)); // a row written before positions were placed

        List<InboxEntry> entries = inbox.inboxOf(me).await().atMost(Duration.ofSeconds(10));

        assertEquals(2, entries.size());
        entries.forEach(line -> assertEquals(2, line.unreadCount(), "the message that added me and the one after it"));
    }

    @Test
    void aFormerMemberSeesTheLineAsStoredWhenTheyLeftNotTheGroupsLaterMessages() {
        UUID group = UUID.randomUUID();
        UUID me = UUID.randomUUID();
        UUID ann = UUID.randomUUID();
        ChatRows rows = new ChatRows(cassandra);
        Instant now = Instant.now();
        UUID removal = rows.message(group, ann, now.minusSeconds(2), "");
        rows.message(group, ann, now.minusSeconds(1), "said after I left");
        cassandra.execute("UPDATE user_inbox SET is_group = true, last_message_id = ?, last_sender_id = ?,"
                + " last_message_preview = ?, unread_message_ids = unread_message_ids + ? WHERE user_id = ? AND chat_id = ?",
                removal, ann, "removed a member", Set.of(removal), me, group);

        InboxEntry line = only(me);

        assertEquals(removal, line.lastMessageId());
        assertEquals("removed a member", line.lastMessagePreview());
        assertEquals(1, line.unreadCount());
    }

    @Test
    void aSystemMessageIsPreviewedAsItsLine() {
        UUID group = UUID.randomUUID();
        UUID me = UUID.randomUUID();
        UUID ann = UUID.randomUUID();
        UUID created = new ChatRows(cassandra).message(group, ann, Instant.now().minusSeconds(1), "Team");
        cassandra.execute("UPDATE messages SET kind = 'created' WHERE chat_id = ? AND bucket = ? AND message_id = ?",
                group, MessageBuckets.bucketOf(group, created), created);
        joined(me, group, null, Set.of(created));

        InboxEntry line = only(me);

        assertEquals("created the group \"Team\"", line.lastMessagePreview());
        assertEquals(1, line.unreadCount());
    }

    /** A message before the member joined, the one that added them (returned), and one after it. */
    private UUID addedBetweenTwoMessages(UUID group) {
        UUID ann = UUID.randomUUID();
        ChatRows rows = new ChatRows(cassandra);
        Instant now = Instant.now();
        rows.message(group, ann, now.minusSeconds(3), "before I joined");
        UUID added = rows.message(group, ann, now.minusSeconds(2), "");
        rows.message(group, ann, now.minusSeconds(1), "hello");
        return added;
    }

    /** The member row and the inbox row a member has: {@code seenUpTo} null when they never read. */
    private void joined(UUID user, UUID group, UUID seenUpTo, Set<UUID> unread) {
        cassandra.execute("INSERT INTO group_members (group_id, user_id, role) VALUES (?, ?, 'member')", group, user);
        cassandra.execute("UPDATE user_inbox SET is_group = true, seen_up_to = ?, unread_message_ids = unread_message_ids + ?"
                + " WHERE user_id = ? AND chat_id = ?", seenUpTo, unread, user, group);
    }

    private InboxEntry only(UUID user) {
        List<InboxEntry> entries = inbox.inboxOf(user).await().atMost(Duration.ofSeconds(10));
        assertEquals(1, entries.size());
        return entries.get(0);
    }
}
