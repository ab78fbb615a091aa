package dev.chat.inbox.domain;

import java.time.Duration;

/**
 * A change to one chat's list settings; a null field leaves that setting as it is.
 *
 * @param archived archive or unarchive
 * @param pinned pin or unpin
 * @param mute how long to mute for, or {@link Mute#OFF} to unmute
 * @param markedUnread mark as unread, or clear the mark
 */
public record SettingsChange(Boolean archived, Boolean pinned, Mute mute, Boolean markedUnread) {

    /** The mutes a user chooses from, as WhatsApp offers them. */
    public enum Mute {
        EIGHT_HOURS("8h", Duration.ofHours(8)),
        ONE_WEEK("1w", Duration.ofDays(7)),
        ALWAYS("always", null),
        OFF("off", null);

        /** The values of {@code mute} in a request. */
        public static final String WIRE_VALUES = "8h|1w|always|off";

        private final String wire;
        private final Duration length;

        Mute(String wire, Duration length) {
            this.wire = wire;
            this.length = length;
        }

        /** The mute a request's value names; null for null. */
        public static Mute ofWire(String value) {
            if (value == null) {
                return null;
            }
            for (Mute mute : values()) {
                if (mute.wire.equals(value)) {
                    return mute;
                }
            }
            throw new IllegalArgumentException(value);
        }

        Duration length() {
            return length;
        }
    }

    boolean isEmpty() {
        return archived == null && pinned == null && mute == null && markedUnread == null;
    }
}
