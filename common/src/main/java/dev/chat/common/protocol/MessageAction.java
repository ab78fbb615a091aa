package dev.chat.common.protocol;

import java.util.Locale;

/**
 * What a user can do to a message already sent (docs/protocol.md, *Message actions*). An action is
 * carried like a message: stored before it is acknowledged, pending for each device of the chat's
 * other participants until that device acknowledges it, pushed in the chat's order. Its id is an
 * action id ({@code TimeUuids#asActionId}).
 */
public enum MessageAction {
    /** Set (or, with an empty emoji, remove) the user's one reaction to the message. */
    REACT("reaction"),
    /** Replace the body of one's own message, within the edit window. */
    EDIT("edited"),
    /** Replace the message with a tombstone for everyone: its author, or a group's admin, within the delete window. */
    DELETE("deleted");

    private final String frameType;

    MessageAction(String frameType) {
        this.frameType = frameType;
    }

    /** The client frame's {@code type} and the stored {@code kind}: lower case ("react"). */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The {@code type} of the frame that tells the other participants ("reaction", "edited", "deleted"). */
    public String frameType() {
        return frameType;
    }

    /** The action of a wire (and stored) form; null for null or anything else (a system event). */
    public static MessageAction fromWire(String wire) {
        for (MessageAction action : values()) {
            if (action.wire().equals(wire)) {
                return action;
            }
        }
        return null;
    }
}
