package dev.chat.message.domain;

import dev.chat.common.errors.Refusal;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.common.protocol.MessageAction;
import dev.chat.message.config.MessageServiceConfig;
import dev.chat.message.storage.ChatMessages;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who may answer or act on which message, and until when (docs/protocol.md, *Message actions*).
 * The checks read nothing: they are given the message as found and the time of the action (the
 * time inside its id, so that every attempt of one action is judged alike).
 *
 * <ul>
 * <li>Any participant may reply to and react to a member's message that was not deleted.</li>
 * <li>Only its author may edit a message, within {@code chat.actions.edit-window} of sending it.</li>
 * <li>Its author, or in a group an admin, may delete a message for everyone, within
 * {@code chat.actions.delete-window}.</li>
 * <li>A system message (a membership change) takes no replies and no actions; a deleted message
 * takes none either.</li>
 * </ul>
 */
@ApplicationScoped
public class ActionRules {

    private final Duration editWindow;
    private final Duration deleteWindow;

    @Inject
    public ActionRules(MessageServiceConfig config) {
        this(config.actions().editWindow(), config.actions().deleteWindow());
    }

    public ActionRules(Duration editWindow, Duration deleteWindow) {
        this.editWindow = editWindow;
        this.deleteWindow = deleteWindow;
    }

    /** The message a reply answers: it must exist in the chat and be a member's message still there. */
    public ChatMessages.Found requireReplyable(Optional<ChatMessages.Found> found, UUID messageId) {
        return requireUsable(found, messageId, "replied to");
    }

    /**
     * The message an action acts on, when {@code actor} may take {@code action} on it at {@code at};
     * else the refusal: {@code unknown_message} (404), {@code not_allowed} (403) or {@code too_late} (403).
     *
     * @param admin whether the actor is an admin of the group (false in a one-to-one chat)
     */
    public ChatMessages.Found requireAllowed(MessageAction action, Optional<ChatMessages.Found> found, UUID messageId,
            UUID actor, boolean admin, Instant at) {
        ChatMessages.Found target = requireUsable(found, messageId, switch (action) {
            case REACT -> "reacted to";
            case EDIT -> "edited";
            case DELETE -> "deleted";
        });
        boolean author = target.senderId().equals(actor);
        if (action == MessageAction.EDIT) {
            require(author, ErrorCode.NOT_ALLOWED, "only its author may edit a message");
            requireWithin(target, at, editWindow, "edited");
        } else if (action == MessageAction.DELETE) {
            require(author || admin, ErrorCode.NOT_ALLOWED,
                    "only its author, or in a group an admin, may delete a message for everyone");
            requireWithin(target, at, deleteWindow, "deleted for everyone");
        }
        return target;
    }

    private static ChatMessages.Found requireUsable(Optional<ChatMessages.Found> found, UUID messageId, String what) {
        if (found.isEmpty()) {
            throw Refusal.notFound(ErrorCode.UNKNOWN_MESSAGE, "no message " + messageId + " in this chat");
        }
        ChatMessages.Found message = found.get();
        require(message.system() == null, ErrorCode.NOT_ALLOWED, "a group's system message cannot be " + what);
        require(!message.deleted(), ErrorCode.NOT_ALLOWED, "the message was deleted for everyone: it cannot be " + what);
        return message;
    }

    private static void requireWithin(ChatMessages.Found target, Instant at, Duration window, String what) {
        if (at.isAfter(target.sentAt().plus(window))) {
            throw Refusal.forbidden(ErrorCode.TOO_LATE, "a message can be " + what + " within " + describe(window)
                    + " of sending it");
        }
    }

    private static void require(boolean condition, ErrorCode code, String detail) {
        if (!condition) {
            throw Refusal.forbidden(code, detail);
        }
    }

    /** "15 minutes", "48 hours", "90 seconds": the window as a person reads it. */
    static String describe(Duration window) {
        if (window.toSeconds() % 3600 == 0) {
            return window.toHours() + (window.toHours() == 1 ? " hour" : " hours");
        }
        if (window.toSeconds() % 60 == 0) {
            return window.toMinutes() + (window.toMinutes() == 1 ? " minute" : " minutes");
        }
        return window.toSeconds() + " seconds";
    }
}
