package dev.chat.common.protocol;

import java.util.Locale;

/** What a group's system message records; the wire form is lower case ("added"). */
public enum SystemEvent {
    /** The group was created; the body is its name. */
    CREATED,
    /** {@code subject} was added by {@code from}. */
    ADDED,
    /** {@code subject} was removed by {@code from}. */
    REMOVED,
    /** {@code subject} left. */
    LEFT,
    /** {@code subject} became an admin (by {@code from}, or on the last admin's leaving). */
    PROMOTED,
    /** {@code subject} is no longer an admin. */
    DEMOTED,
    /** The group was renamed by {@code from}; the body is the new name. */
    RENAMED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The event of a wire (and stored) form ({@link #wire}); null for null, a member's message. */
    public static SystemEvent fromWire(String wire) {
        return wire == null ? null : valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
