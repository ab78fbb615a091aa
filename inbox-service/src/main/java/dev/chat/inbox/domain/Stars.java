package dev.chat.inbox.domain;

import dev.chat.common.errors.Refusal;
import dev.chat.common.events.ViewChanged;
import dev.chat.inbox.events.ViewChanges;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.inbox.storage.ChatAccess;
import dev.chat.inbox.storage.ClearMarks;
import dev.chat.inbox.storage.HiddenMessages;
import dev.chat.inbox.storage.HistoryMessage;
import dev.chat.inbox.storage.HistoryStore;
import dev.chat.inbox.storage.StarredMessages;
import dev.chat.inbox.storage.StarredMessages.Star;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Starred messages: a user keeps messages of their chats for later, on all their devices, and
 * finds them in one list across chats, newest message first.
 *
 * <p>What the list shows is what the user can still see: a starred message leaves it when it is
 * deleted for everyone, deleted for the user, cleared with its chat, or when the user leaves the
 * group it was sent in; edits and reactions show as they are now. This is decided when the list is
 * read, so none of those actions has to find the stars it affects; the stars' rows stay, never
 * shown again since none of those actions can be undone, except a group's for a user who rejoins it.
 *
 * <p>Guarantees: starring and unstarring are idempotent. Only a message the user sees in the
 * chat's history can be starred: any other answers not found, like a chat not among the user's
 * own, so ids cannot be probed; a message deleted for everyone, and a group's system message,
 * cannot be starred at all. Once a star or unstar is stored, the user's other connected devices
 * are told ({@link ViewChanges}).
 */
@ApplicationScoped
public class Stars {

    /** One starred message with its chat. */
    public record StarredMessage(UUID chatId, HistoryMessage message) {
    }

    /**
     * One page of the list, newest message first.
     *
     * @param nextBefore pass as {@code before} for the older page; null when there is nothing older
     */
    public record StarredPage(List<StarredMessage> messages, UUID nextBefore) {
    }

    private final ChatAccess access;
    private final HistoryStore history;
    private final HiddenMessages hidden;
    private final StarredMessages starred;
    private final ViewChanges changes;

    public Stars(ChatAccess access, HistoryStore history, HiddenMessages hidden, StarredMessages starred,
            ViewChanges changes) {
        this.access = access;
        this.history = history;
        this.hidden = hidden;
        this.starred = starred;
        this.changes = changes;
    }

    public Uni<Void> star(UUID userId, String deviceId, UUID chatId, UUID messageId) {
        return access.viewOf(userId, chatId).chain(view -> {
            if (view.isEmpty()) {
                return Uni.createFrom().failure(OwnHistory.notAmongYours(chatId));
            }
            return Uni.combine().all().unis(history.find(chatId, messageId), hidden.hiddenAmong(userId, chatId, List.of(messageId)))
                    .asTuple().chain(found -> {
                        Optional<HistoryMessage> message = found.getItem1();
                        if (message.isEmpty() || view.get().cleared(messageId) || !found.getItem2().isEmpty()) {
                            return Uni.createFrom().failure(Refusal.notFound(null, "no message " + messageId + " in chat " + chatId));
                        }
                        if (message.get().deleted() != null || message.get().system() != null) {
                            return Uni.createFrom().failure(Refusal.conflict(ErrorCode.NOT_ALLOWED,
                                    "a message deleted for everyone, or a group's system message, cannot be starred"));
                        }
                        return starred.star(userId, chatId, messageId);
                    });
        }).invoke(() -> changes.announce(userId, deviceId, ViewChanged.STARRED, chatId, messageId));
    }

    /** Unstarring touches only the user's own list: 204 whether or not the message was starred, or still exists. */
    public Uni<Void> unstar(UUID userId, String deviceId, UUID chatId, UUID messageId) {
        return starred.unstar(userId, messageId)
                .invoke(() -> changes.announce(userId, deviceId, ViewChanged.STARRED, chatId, messageId));
    }

    /**
     * Up to {@code limit} starred messages older than {@code before} (null: the newest), those the
     * user can no longer see left out: a page may hold fewer (even none) while {@code nextBefore}
     * still leads on. Reads: the stars, then side by side each chat's access and hidden messages
     * and each message.
     */
    public Uni<StarredPage> page(UUID userId, UUID before, int limit) {
        return starred.page(userId, before, limit + 1).chain(stars -> {
            List<Star> shown = stars.subList(0, Math.min(limit, stars.size()));
            UUID nextBefore = stars.size() > limit ? shown.get(shown.size() - 1).messageId() : null;
            if (shown.isEmpty()) {
                return Uni.createFrom().item(new StarredPage(List.of(), nextBefore));
            }
            Map<UUID, List<UUID>> idsByChat = new LinkedHashMap<>();
            shown.forEach(s -> idsByChat.computeIfAbsent(s.chatId(), c -> new ArrayList<>()).add(s.messageId()));
            List<Uni<ChatView>> views = idsByChat.entrySet().stream().map(e -> viewOf(userId, e.getKey(), e.getValue())).toList();
            List<Uni<Optional<HistoryMessage>>> messages = shown.stream().map(s -> history.find(s.chatId(), s.messageId())).toList();
            return Uni.combine().all().unis(Uni.join().all(views).andFailFast(), Uni.join().all(messages).andFailFast()).asTuple()
                    .map(found -> new StarredPage(visible(shown, found.getItem1(), found.getItem2()), nextBefore));
        });
    }

    /** What the user sees of one chat: nothing when they may not read it. */
    private record ChatView(UUID chatId, Optional<ClearMarks> marks, Set<UUID> hidden) {
        boolean shows(HistoryMessage message) {
            return marks.isPresent() && !marks.get().cleared(message.messageId()) && !hidden.contains(message.messageId())
                    && message.deleted() == null;
        }
    }

    private Uni<ChatView> viewOf(UUID userId, UUID chatId, List<UUID> ids) {
        return Uni.combine().all().unis(access.viewOf(userId, chatId), hidden.hiddenAmong(userId, chatId, ids)).asTuple()
                .map(found -> new ChatView(chatId, found.getItem1(), found.getItem2()));
    }

    private static List<StarredMessage> visible(List<Star> shown, List<ChatView> views, List<Optional<HistoryMessage>> messages) {
        Map<UUID, ChatView> byChat = views.stream().collect(Collectors.toMap(ChatView::chatId, v -> v));
        List<StarredMessage> visible = new ArrayList<>(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            Optional<HistoryMessage> message = messages.get(i);
            UUID chatId = shown.get(i).chatId();
            if (message.isPresent() && byChat.get(chatId).shows(message.get())) {
                visible.add(new StarredMessage(chatId, message.get().asStarred()));
            }
        }
        return List.copyOf(visible);
    }
}
