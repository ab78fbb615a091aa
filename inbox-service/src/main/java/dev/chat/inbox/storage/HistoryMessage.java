package dev.chat.inbox.storage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chat.common.protocol.Attachment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One stored message of a chat's history, with what was done to it since.
 *
 * @param messageId its time-based id, which orders the chat
 * @param senderId who sent it
 * @param body its text, as last edited; absent once it was deleted for everyone
 * @param sentAt the time inside its id
 * @param delivered whether the recipient's device has it (one-to-one chats; false where unknown)
 * @param seen whether the recipient has seen it (one-to-one chats; false where unknown)
 * @param system for a group's system message, its event ("added", ...); absent otherwise
 * @param subject for a system message, the member it is about; absent otherwise
 * @param replyTo the message it answers; absent when it answers none
 * @param editedAt when its body was last edited; absent when never
 * @param deleted true when it was deleted for everyone (show a tombstone); absent otherwise
 * @param reactions its reactions, one entry per emoji, the most given first; absent when none
 * @param attachment the file it carries (download it through {@code GET /v1/attachments/{id}});
 *     absent when none, or once it was deleted for everyone
 * @param starred true when the reader starred it; absent otherwise
 */
public record HistoryMessage(UUID messageId, UUID senderId, @JsonInclude(JsonInclude.Include.NON_NULL) String body,
        Instant sentAt, boolean delivered, boolean seen, @JsonInclude(JsonInclude.Include.NON_NULL) String system,
        @JsonInclude(JsonInclude.Include.NON_NULL) UUID subject, @JsonInclude(JsonInclude.Include.NON_NULL) UUID replyTo,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant editedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean deleted,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Reaction> reactions,
        @JsonInclude(JsonInclude.Include.NON_NULL) Attachment attachment,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean starred) {

    /** The same message, marked as starred by its reader. */
    public HistoryMessage asStarred() {
        return new HistoryMessage(messageId, senderId, body, sentAt, delivered, seen, system, subject, replyTo, editedAt, deleted,
                reactions, attachment, Boolean.TRUE);
    }

    /** Everyone who reacted with one emoji: how many, and who. */
    public record Reaction(String emoji, int count, List<UUID> users) {
    }

    /**
     * The reactions of a message as stored (user → emoji, one each), grouped by emoji: the most
     * given first, ties in the emoji's order, each one's users in a stable order.
     */
    public static List<Reaction> reactionsOf(Map<UUID, String> byUser) {
        Map<String, List<UUID>> byEmoji = new TreeMap<>();
        byUser.forEach((user, emoji) -> byEmoji.computeIfAbsent(emoji, e -> new ArrayList<>()).add(user));
        List<Reaction> reactions = new ArrayList<>(byEmoji.size());
        byEmoji.forEach((emoji, users) -> {
            users.sort(Comparator.naturalOrder());
            reactions.add(new Reaction(emoji, users.size(), List.copyOf(users)));
        });
        reactions.sort(Comparator.comparingInt(Reaction::count).reversed()); // stable: ties keep the emoji order
        return reactions;
    }
}
