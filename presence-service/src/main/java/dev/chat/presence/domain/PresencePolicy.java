package dev.chat.presence.domain;

import dev.chat.common.privacy.PresenceVisibility;
import dev.chat.presence.storage.PrivacyReader.Audience;
import java.util.UUID;

/**
 * Who may see a user's presence and last seen (docs/privacy.md), as WhatsApp users expect: the user
 * themselves always; nobody between two users one of whom has blocked the other; otherwise as the
 * user's setting says: every signed-in user ({@code everyone}), the users in their address book
 * ({@code contacts}, the default), or nobody ({@code nobody}). A user id without an account
 * shows nothing.
 */
public final class PresencePolicy {

    private PresencePolicy() {
    }

    public static boolean maySee(UUID viewer, UUID user, Audience audience) {
        if (viewer.equals(user)) {
            return true;
        }
        PresenceVisibility setting = audience.settings().get(user);
        if (setting == null || audience.blockedEitherWay().contains(user)) {
            return false;
        }
        return switch (setting) {
            case EVERYONE -> true;
            case CONTACTS -> audience.haveViewerAsContact().contains(user);
            case NOBODY -> false;
        };
    }
}
