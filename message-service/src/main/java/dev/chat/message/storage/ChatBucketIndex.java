package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chat.common.ids.MessageBuckets;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code chat_buckets} row of a message, to be written in the message's own batch.
 *
 * <p>Only the first message this process stores in a bucket carries the row; later ones skip it
 * (a bounded in-memory record). The row is the same every time, so writing it again after a
 * restart or from another instance is harmless; a bucket is recorded as written only once its
 * batch has succeeded ({@link #written}).
 */
@Startup // prepares its statement at start-up, never on an event-loop thread
@ApplicationScoped
public class ChatBucketIndex {

    /** A chat's bucket. */
    public record ChatBucket(UUID chatId, int bucket) {
    }

    private final PreparedStatement insert;
    private final Cache<ChatBucket, Boolean> written = Caffeine.newBuilder().maximumSize(100_000).build();

    public ChatBucketIndex(QuarkusCqlSession session) {
        this.insert = session.prepare("INSERT INTO chat_buckets (chat_id, bucket) VALUES (?, ?)");
    }

    public ChatBucket bucketOf(UUID chatId, UUID messageId) {
        return new ChatBucket(chatId, MessageBuckets.bucketOf(chatId, messageId));
    }

    /** The index row, unless this process has already written it. */
    public Optional<BoundStatement> rowIfNew(ChatBucket bucket) {
        return written.getIfPresent(bucket) != null ? Optional.empty()
                : Optional.of(insert.bind(bucket.chatId(), bucket.bucket()));
    }

    /** Records that a batch carrying the bucket's row has succeeded. */
    public void written(ChatBucket bucket) {
        written.put(bucket, true);
    }
}
