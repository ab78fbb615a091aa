package dev.chat.message.domain;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.chat.common.errors.Refusal;
import dev.chat.common.events.TypingEvent;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.message.events.EventPublisher;
import dev.chat.message.storage.InboxRows;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.UUID;

/**
 * Typing signals, passed on only between users who share a one-to-one chat (a message has been
 * sent in it, either way: the typist has its inbox row) and neither of whom has blocked the other
 * ({@link Blocks}). Otherwise refused: {@code blocked}, or {@code no_shared_chat}; a stranger
 * learns nothing from typing and cannot send it.
 *
 * <p>A chat, once it has a message, keeps it, so a yes is cached (an hour, bounded): a typist
 * costs one read of an inbox row per chat and hour, not one per signal.
 */
@ApplicationScoped
public class TypingSignals {

    private record ChatOf(UUID userId, UUID chatId) {
    }

    private final InboxRows inbox;
    private final Blocks blocks;
    private final EventPublisher publisher;
    private final Cache<ChatOf, Boolean> shared =
            Caffeine.newBuilder().expireAfterWrite(Duration.ofHours(1)).maximumSize(200_000).build();

    public TypingSignals(InboxRows inbox, Blocks blocks, EventPublisher publisher) {
        this.inbox = inbox;
        this.blocks = blocks;
        this.publisher = publisher;
    }

    /** Publishes that {@code from} is typing to {@code to}, or fails with a {@link Refusal} as above. */
    public Uni<Void> signal(UUID from, UUID to) {
        UUID chatId = ChatIds.direct(from, to);
        return blocks.requireNoneBetween(from, to).chain(() -> sharesChat(new ChatOf(from, chatId))).chain(yes -> {
            if (!yes) {
                throw Refusal.forbidden(ErrorCode.NO_SHARED_CHAT,
                        "typing shows only in a chat with at least one message; send one first");
            }
            return publisher.typing(new TypingEvent(chatId, from, to));
        });
    }

    private Uni<Boolean> sharesChat(ChatOf key) {
        if (shared.getIfPresent(key) != null) {
            return Uni.createFrom().item(true);
        }
        return inbox.read(key.userId(), key.chatId()).map(row -> {
            if (row.isPresent()) {
                shared.put(key, Boolean.TRUE);
            }
            return row.isPresent();
        });
    }
}
