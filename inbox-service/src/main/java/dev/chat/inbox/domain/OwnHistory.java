package dev.chat.inbox.domain;

import dev.chat.common.errors.Refusal;
import dev.chat.common.events.ViewChanged;
import dev.chat.inbox.events.ViewChanges;
import dev.chat.inbox.storage.ChatAccess;
import dev.chat.inbox.storage.ClearedChats;
import dev.chat.inbox.storage.HiddenMessages;
import dev.chat.inbox.storage.HistoryStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * What a user removes from their own view of a chat's history: one message ("Delete for me") or
 * everything until now ("Clear chat"). Nobody else's view changes; the user's other connected
 * devices are told once it is stored ({@link ViewChanges}), and every device sees it in the next
 * history or inbox it reads.
 *
 * <p>Guarantees: both are idempotent (again: no error, nothing more changes); a chat or message
 * that is not among the user's own is refused as not found, exactly like one that does not exist,
 * so ids cannot be probed.
 */
@ApplicationScoped
public class OwnHistory {

    private final ChatAccess access;
    private final HistoryStore history;
    private final HiddenMessages hidden;
    private final ClearedChats cleared;
    private final ViewChanges changes;
    private final Clock clock;

    @Inject
    public OwnHistory(ChatAccess access, HistoryStore history, HiddenMessages hidden, ClearedChats cleared,
            ViewChanges changes) {
        this(access, history, hidden, cleared, changes, Clock.systemUTC());
    }

    OwnHistory(ChatAccess access, HistoryStore history, HiddenMessages hidden, ClearedChats cleared, ViewChanges changes,
            Clock clock) {
        this.access = access;
        this.history = history;
        this.hidden = hidden;
        this.cleared = cleared;
        this.changes = changes;
        this.clock = clock;
    }

    /** Delete for me: the message leaves the user's history and, when it was the last, their preview. */
    public Uni<Void> hide(UUID userId, String deviceId, UUID chatId, UUID messageId) {
        return access.mayRead(userId, chatId)
                .chain(member -> member ? history.contains(chatId, messageId) : Uni.createFrom().failure(notAmongYours(chatId)))
                .chain(found -> found ? hidden.hide(userId, chatId, messageId) : Uni.createFrom().failure(
                        Refusal.notFound(null, "no message " + messageId + " in chat " + chatId)))
                .invoke(() -> changes.announce(userId, deviceId, ViewChanged.HISTORY, chatId, messageId));
    }

    /**
     * Clear chat: every message of the chat until now leaves the user's history, preview and unread
     * count; the chat stays in their list, and its later messages show as usual.
     */
    public Uni<Void> clear(UUID userId, String deviceId, UUID chatId) {
        Instant now = clock.instant();
        return cleared.marksOf(userId, chatId).chain(marks -> marks.isPresent()
                ? cleared.clear(userId, chatId, now) : Uni.createFrom().failure(notAmongYours(chatId)))
                .invoke(() -> changes.announce(userId, deviceId, ViewChanged.HISTORY, chatId, null));
    }

    static Refusal notAmongYours(UUID chatId) {
        return Refusal.notFound(null, "no chat " + chatId + " among yours");
    }
}
