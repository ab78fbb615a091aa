package dev.chat.inbox.domain;

import dev.chat.common.errors.Refusal;
import dev.chat.inbox.storage.ChatListSettings;
import dev.chat.inbox.storage.ChatSettingsStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Changes how a chat shows in its user's chat list ({@link ChatListRules}).
 *
 * <p>Guarantees: only the settings a change names are written, so two devices changing different
 * settings of one chat at once keep both; a chat that is not in the user's inbox is refused as not
 * found, exactly like one that does not exist. Limit: the pin limit is checked against what was
 * read, so two devices pinning two different chats at the same moment can leave one more than
 * {@value ChatListRules#MAX_PINNED} pinned, until one is unpinned.
 */
@ApplicationScoped
public class ChatList {

    private final ChatSettingsStore store;
    private final Clock clock;

    @Inject
    public ChatList(ChatSettingsStore store) {
        this(store, Clock.systemUTC());
    }

    ChatList(ChatSettingsStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Applies {@code change} to the user's chat and answers its settings after it. */
    public Uni<ChatListSettings> change(UUID userId, UUID chatId, SettingsChange change) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // what a Cassandra timestamp keeps
        return store.settingsOf(userId, now).chain(all -> {
            ChatListSettings current = all.get(chatId);
            if (current == null) {
                throw Refusal.notFound(null, "no chat " + chatId + " among yours");
            }
            ChatListSettings next = ChatListRules.apply(current, change, pinnedElsewhere(all, chatId), now);
            return store.save(userId, chatId, current, next).replaceWith(next);
        });
    }

    private static int pinnedElsewhere(Map<UUID, ChatListSettings> all, UUID chatId) {
        return (int) all.entrySet().stream().filter(e -> !e.getKey().equals(chatId) && e.getValue().pinned()).count();
    }
}
