package dev.chat.common.protocol;

import java.util.Locale;

/** The codes of {@code error} frames (docs/protocol.md lists when each is sent). */
public enum ErrorCode {
    /** The frame is not a JSON object. */
    BAD_JSON,
    /** The frame's {@code type} is missing or not one the server knows. */
    UNKNOWN_TYPE,
    /** A field is missing, of the wrong type, or out of range; the message names it. */
    INVALID_FIELD,
    /** The message body is longer than {@link Limits#MAX_BODY_CHARS}. */
    TOO_LARGE,
    /** A send to oneself. */
    SELF_CHAT,
    /** A send to a user id that no registered account has; nothing was stored. */
    UNKNOWN_RECIPIENT,
    /** A send to a group that does not exist or that the user is not a member of. */
    NOT_A_MEMBER,
    /**
     * A send whose id the server remembers for another message (another body, recipient or
     * group); nothing was stored. A client that restarted its id counter must not reuse ids.
     */
    ID_REUSED,
    /**
     * A send or typing between two users one of whom has blocked the other
     * ({@code POST /v1/blocks/{userId}}); nothing was stored or delivered.
     */
    BLOCKED,
    /**
     * Typing to a user with whom the sender has no one-to-one chat yet (neither has sent the other
     * a message); it was not passed on. Typing starts to show once the chat has a message.
     */
    NO_SHARED_CHAT,
    /**
     * A reply, reaction, edit or deletion names a message that is not one of this chat's (or not
     * a message at all).
     */
    UNKNOWN_MESSAGE,
    /**
     * An action the user may not take on this message: editing or deleting another user's
     * message (a group admin may delete any), acting on a deleted or a system message.
     */
    NOT_ALLOWED,
    /** An edit or deletion after its window ({@code chat.actions.edit-window}, {@code delete-window}). */
    TOO_LATE,
    /**
     * A message names an attachment that is not the sender's upload, was not uploaded yet, or was
     * sent in another chat; nothing was stored.
     */
    UNKNOWN_ATTACHMENT,
    /** More frames than {@link Limits#FRAMES_PER_SECOND} allows; the frame was dropped. */
    RATE_LIMITED,
    /** The server could not complete the request now; the client may retry the same frame. */
    UNAVAILABLE,
    /**
     * The device's pending messages could not be loaded on connect. The socket stays open and
     * live; the server keeps trying, pushes them when it succeeds, then {@code synced}.
     */
    CATCH_UP_DELAYED;

    /** The code as it appears on the wire: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The code a wire value names; null for null or a value this version does not know. */
    public static ErrorCode ofWire(String wire) {
        for (ErrorCode code : values()) {
            if (code.wire().equals(wire)) {
                return code;
            }
        }
        return null;
    }
}
