package dev.chat.common.ids;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The time buckets that split a chat's messages over many Cassandra partitions.
 *
 * <p>The seed kept one partition per chat forever, which grows without bound. Here a message is
 * stored in partition {@code (chat_id, bucket)}, where the bucket is derived from the message's
 * own time, so a writer needs no lookup and a reader walks buckets backwards from the newest.
 * One-to-one chats use 30-day buckets; group chats, which can carry many more messages, use
 * 1-day buckets. Both widths are part of the stored data: changing them orphans stored messages.
 */
public final class MessageBuckets {

    public static final Duration DIRECT_WIDTH = Duration.ofDays(30);
    public static final Duration GROUP_WIDTH = Duration.ofDays(1);

    private MessageBuckets() {
    }

    /** The bucket of a message sent at {@code time} in chat {@code chatId}. */
    public static int bucketOf(UUID chatId, Instant time) {
        return (int) Math.floorDiv(time.toEpochMilli(), widthOf(chatId).toMillis());
    }

    /** The bucket of a message whose id is a time-based UUID (its time decides the bucket). */
    public static int bucketOf(UUID chatId, UUID timeBasedMessageId) {
        return bucketOf(chatId, TimeUuids.instantOf(timeBasedMessageId));
    }

    public static Duration widthOf(UUID chatId) {
        return ChatIds.isDirect(chatId) ? DIRECT_WIDTH : GROUP_WIDTH;
    }
}
