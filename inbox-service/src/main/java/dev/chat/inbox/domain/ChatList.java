package dev.chat.inbox.domain;

import dev.chat.common.errors.Refusal;
import dev.chat.common.events.ViewChanged;
import dev.chat.common.ids.ChatIds;
import dev.chat.inbox.events.ViewChanges;
import dev.chat.inbox.storage.ChatListSettings;
import dev.chat.inbox.storage.ChatAccess;
import dev.chat.inbox.storage.ChatSettingsStore;
import dev.chat.inbox.storage.ClearedChats;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Changes how a chat shows in its user's chat list: its settings ({@link ChatListRules}), and
 * deleting it from the list.
 *
 * <p>Guarantees: only the settings a change names are written, so two devices changing different
 * settings of one chat at once keep both; a chat that is not in the user's inbox is refused as not
 * found, exactly like one that does not exist. Limit: the pin limit is checked against what was
 * read, so two devices pinning two different chats at the same moment can leave one more than
 * {@value ChatListRules#MAX_PINNED} pinned, until one is unpinned. Once a change is stored, the
 * user's other devices are told ({@link ViewChanges}).
 */
@ApplicationScoped
public class ChatList {

    private final ChatSettingsStore store;
    private final ClearedChats cleared;
    private final ChatAccess access;
    private final ViewChanges changes;
    private final Clock clock;

    @Inject
    public ChatList(ChatSettingsStore store, ClearedChats cleared, ChatAccess access, ViewChanges changes) {
        this(store, cleared, access, changes, Clock.systemUTC());
    }

    ChatList(ChatSettingsStore store, ClearedChats cleared, ChatAccess access, ViewChanges changes, Clock clock) {
        this.store = store;
        this.cleared = cleared;
        this.access = access;
        this.changes = changes;
        this.clock = clock;
    }

    /**
     * Delete chat: cleared as by {@link OwnHistory#clear}, out of the user's list until a newer
     * message arrives, and unpinned, unarchived and unmuted. A group must be left first, as
     * WhatsApp asks (while one is a member its messages keep arriving): CONFLICT otherwise.
     */
    public Uni<Void> delete(UUID userId, String deviceId, UUID chatId) {
        Instant now = clock.instant();
        Uni<Boolean> member = ChatIds.isDirect(chatId) ? Uni.createFrom().item(false) : access.isMember(userId, chatId);
        return Uni.combine().all().unis(cleared.marksOf(userId, chatId), member).asTuple().chain(found -> {
            if (found.getItem1().isEmpty()) {
                return Uni.createFrom().failure(OwnHistory.notAmongYours(chatId));
            }
            if (found.getItem2()) {
                return Uni.createFrom().failure(Refusal.conflict(null, "leave the group before deleting its chat"));
            }
            return cleared.delete(userId, chatId, now);
        }).invoke(() -> changes.announce(userId, deviceId, ViewChanged.CHAT, chatId, null));
    }

    /** Applies {@code change} to the user's chat and answers its settings after it; {@code deviceId} made it. */
    public Uni<ChatListSettings> change(UUID userId, String deviceId, UUID chatId, SettingsChange change) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS); // what a Cassandra timestamp keeps
        return store.settingsOf(userId, now).chain(all -> {
            ChatListSettings current = all.get(chatId);
            if (current == null) {
                throw OwnHistory.notAmongYours(chatId);
            }
            ChatListSettings next = ChatListRules.apply(current, change, pinnedElsewhere(all, chatId), now);
            return store.save(userId, chatId, current, next).replaceWith(next);
        }).invoke(() -> changes.announce(userId, deviceId, ViewChanged.CHAT, chatId, null));
    }

    private static int pinnedElsewhere(Map<UUID, ChatListSettings> all, UUID chatId) {
        return (int) all.entrySet().stream().filter(e -> !e.getKey().equals(chatId) && e.getValue().pinned()).count();
    }
}
