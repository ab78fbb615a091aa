package dev.chat.inbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.ChatIds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InboxStoreTest {

    @Inject
    InboxStore inbox;

    @Inject
    QuarkusCqlSession cassandra;

    @Test
    void theInboxListsConversationsNewestFirstWithUnreadCounts() {
        UUID me = UUID.randomUUID();
        UUID ann = UUID.randomUUID();
        UUID ben = UUID.randomUUID();
        UUID older = Uuids.startOf(System.currentTimeMillis() - 60_000);
        UUID newer = Uuids.startOf(System.currentTimeMillis() - 1_000);
        UUID newest = Uuids.startOf(System.currentTimeMillis());
        write(me, ann, older, "from ann", Set.of(older));
        write(me, ben, newest, "from ben", Set.of(newer, newest));

        List<InboxEntry> entries = inbox.inboxOf(me).await().atMost(Duration.ofSeconds(10));

        assertEquals(2, entries.size());
        assertEquals(ben, entries.get(0).peerId());
        assertEquals(ChatIds.direct(me, ben), entries.get(0).chatId());
        assertEquals("from ben", entries.get(0).lastMessagePreview());
        assertEquals(2, entries.get(0).unreadCount());
        assertEquals(ann, entries.get(1).peerId());
        assertEquals(1, entries.get(1).unreadCount());
        assertTrue(entries.get(0).lastMessageAt().isAfter(entries.get(1).lastMessageAt()));
    }

    @Test
    void aUserWithNoChatsHasAnEmptyInbox() {
        assertEquals(List.of(), inbox.inboxOf(UUID.randomUUID()).await().atMost(Duration.ofSeconds(10)));
    }

    private void write(UUID user, UUID peer, UUID lastMessage, String preview, Set<UUID> unread) {
        cassandra.execute("UPDATE user_inbox SET peer_id = ?, is_group = false, last_message_id = ?, last_sender_id = ?,"
                + " last_message_preview = ?, unread_message_ids = unread_message_ids + ? WHERE user_id = ? AND chat_id = ?",
                peer, lastMessage, peer, preview, unread, user, ChatIds.direct(user, peer));
    }
}
