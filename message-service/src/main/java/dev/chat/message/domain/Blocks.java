package dev.chat.message.domain;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chat.common.errors.Refusal;
import dev.chat.common.events.BlocksChanged;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.message.config.MessageServiceConfig;
import dev.chat.message.events.EventPublisher;
import dev.chat.message.storage.BlockStore;
import dev.chat.message.storage.UserDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Blocking: a user's list of blocked users, and the rule message-service enforces with it. Between
 * two users one of whom has blocked the other, one-to-one sends and typing are refused
 * ({@code blocked}); group chats are not affected (as in WhatsApp, a block does not remove anyone
 * from a group). presence-service applies the same lists to presence (docs/privacy.md).
 *
 * <p>Lists are cached, so that the check costs no read on the path of a message, and kept fresh by
 * invalidation: a change is written to Cassandra, dropped from this instance's cache, and announced
 * ({@link BlocksChanged} on {@code chat.blocks}) before {@link #block}/{@link #unblock} complete;
 * every other instance drops the list when the announcement arrives (CacheAnnouncements), within
 * milliseconds. Guarantee: once a block call has answered, the instance that answered refuses at
 * once, and every instance as soon as the announcement reached it; should an announcement be lost
 * (Kafka unreachable from one instance), a list is re-read after {@code chat.blocks.cache-refresh}.
 * A message accepted before the block stays delivered.
 */
@ApplicationScoped
public class Blocks {

    private final BlockStore store;
    private final UserDirectory users;
    private final EventPublisher publisher;
    private final int maxPerUser;
    private final AsyncLoadingCache<UUID, Set<UUID>> cache;

    public Blocks(BlockStore store, UserDirectory users, EventPublisher publisher, MessageServiceConfig config) {
        this.store = store;
        this.users = users;
        this.publisher = publisher;
        this.maxPerUser = config.blocks().maxPerUser();
        // The loader only starts an asynchronous query, so it runs on the calling thread: no pool hop.
        this.cache = Caffeine.newBuilder().refreshAfterWrite(config.blocks().cacheRefresh())
                .expireAfterWrite(config.blocks().cacheTtl()).maximumSize(500_000).executor(Runnable::run)
                .buildAsync((userId, executor) -> store.blockedBy(userId)
                        .map(list -> list.stream().map(BlockStore.Block::userId).collect(Collectors.toUnmodifiableSet()))
                        .subscribeAsCompletionStage());
    }

    /** Fails with {@code blocked} (403) when either user has blocked the other; usually answered from the cache. */
    public Uni<Void> requireNoneBetween(UUID sender, UUID recipient) {
        return Uni.combine().all().unis(blockedBy(sender), blockedBy(recipient)).asTuple().map(lists -> {
            if (lists.getItem1().contains(recipient)) {
                throw Refusal.forbidden(ErrorCode.BLOCKED, "you have blocked this user: unblock them first");
            }
            if (lists.getItem2().contains(sender)) {
                throw Refusal.forbidden(ErrorCode.BLOCKED, "this user does not accept your messages");
            }
            return null;
        });
    }

    private Uni<Set<UUID>> blockedBy(UUID userId) {
        return Uni.createFrom().completionStage(() -> cache.get(userId));
    }

    /** Everyone the user has blocked, as Cassandra has it now. */
    public Uni<List<BlockStore.Block>> listOf(UUID userId) {
        return store.blockedBy(userId);
    }

    /**
     * {@code userId} blocks {@code target}; blocking again keeps the block and renews its time.
     * Refused for oneself (400), a user id no account has (404) and past {@code chat.blocks.max-per-user} (409).
     */
    public Uni<Void> block(UUID userId, UUID target) {
        if (userId.equals(target)) {
            return Uni.createFrom().failure(Refusal.invalid("a user cannot block themselves"));
        }
        return Uni.combine().all().unis(users.isRegistered(target), store.blockedBy(userId)).asTuple().chain(found -> {
            if (!found.getItem1()) {
                throw Refusal.notFound(ErrorCode.UNKNOWN_RECIPIENT, "no registered user " + target);
            }
            boolean already = found.getItem2().stream().anyMatch(b -> b.userId().equals(target));
            if (!already && found.getItem2().size() >= maxPerUser) {
                throw Refusal.conflict(null, "at most " + maxPerUser + " users can be blocked; unblock someone first");
            }
            return changed(userId, store.block(userId, target, Instant.now()));
        });
    }

    /** {@code userId} unblocks {@code target}; idempotent. */
    public Uni<Void> unblock(UUID userId, UUID target) {
        return changed(userId, store.unblock(userId, target));
    }

    private Uni<Void> changed(UUID userId, Uni<Void> write) {
        // Dropped before the write and again after it: a read that started in between would cache the old list.
        forget(userId);
        return write.invoke(() -> forget(userId)).chain(() -> publisher.blocksChanged(new BlocksChanged(userId)));
    }

    /**
     * Reads the user's list into the cache in the background, unless it is there: a device of the
     * user just connected, and its first message should not wait for the read.
     */
    public void warm(UUID userId) {
        cache.get(userId);
    }

    /** Drops the user's cached list: the next check reads it again. */
    public void forget(UUID userId) {
        cache.synchronous().invalidate(userId);
    }
}
