package dev.chat.common.privacy;

import java.util.Locale;

/**
 * Who may see that a user is online and when they were last seen, as the user chose
 * ({@code PUT /v1/accounts/me/privacy}); stored in {@code users.presence_visibility}. Whoever the
 * setting admits, a block either way hides presence both ways (docs/privacy.md).
 */
public enum PresenceVisibility {
    /** Every signed-in user. */
    EVERYONE,
    /** The users this user has in their address book; the default. */
    CONTACTS,
    /** Nobody. */
    NOBODY;

    /** The setting of a user who never chose one. */
    public static final PresenceVisibility DEFAULT = CONTACTS;

    /** As stored and on the wire: lower case. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored value read back; {@link #DEFAULT} for null (never chosen) or a value this version does not know. */
    public static PresenceVisibility ofStored(String stored) {
        if (stored != null) {
            for (PresenceVisibility v : values()) {
                if (v.wire().equals(stored)) {
                    return v;
                }
            }
        }
        return DEFAULT;
    }
}
