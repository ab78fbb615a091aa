package dev.chat.inbox;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.MessageBuckets;
import java.time.Instant;
import java.util.UUID;

/** Writes history rows the way message-service stores them, for tests that read them back. */
public final class ChatRows {

    private final CqlSession cassandra;

    public ChatRows(CqlSession cassandra) {
        this.cassandra = cassandra;
    }

    /** A message in its bucket's partition and the bucket in the chat's index; returns its id. */
    public UUID message(UUID chatId, UUID senderId, Instant at, String body) {
        return message(chatId, senderId, at, body, false, false);
    }

    public UUID message(UUID chatId, UUID senderId, Instant at, String body, Boolean delivered, Boolean seen) {
        UUID id = Uuids.startOf(at.toEpochMilli());
        int bucket = MessageBuckets.bucketOf(chatId, id);
        cassandra.execute("INSERT INTO messages (chat_id, bucket, message_id, sender_id, client_message_id, body,"
                + " is_delivered, is_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                chatId, bucket, id, senderId, "c-" + id, body, delivered, seen);
        cassandra.execute("INSERT INTO chat_buckets (chat_id, bucket) VALUES (?, ?)", chatId, bucket);
        return id;
    }

    /** Makes the user a participant of the chat: the inbox row every participant has. */
    public void member(UUID userId, UUID chatId) {
        cassandra.execute("INSERT INTO user_inbox (user_id, chat_id, is_group) VALUES (?, ?, ?)",
                userId, chatId, !ChatIds.isDirect(chatId));
    }

    /** The first instant of bucket {@code bucket} of the chat. */
    public static Instant startOfBucket(UUID chatId, int bucket) {
        return Instant.ofEpochMilli(bucket * MessageBuckets.widthOf(chatId).toMillis());
    }

    /** The bucket of the present time, so that tests can place messages in the buckets before it. */
    public static int currentBucket(UUID chatId) {
        return MessageBuckets.bucketOf(chatId, Instant.now());
    }
}
