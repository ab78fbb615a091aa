package dev.chat.contacts.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A contact as its owner sees it.
 *
 * @param registered whether the number has an account
 * @param userId the account's user id (to chat with); null unless registered
 * @param displayName the name the account's user chose; null unless registered
 * @param presence online or last seen; null unless registered, when the user hides it from the caller
 *     (docs/privacy.md), or when presence is unavailable
 */
public record ContactView(UUID contactId, String name, String phoneNumber, boolean registered, UUID userId,
        String displayName, Presence presence) {

    /** @param lastSeen when the user's last device disconnected; null if online or never recorded */
    public record Presence(boolean online, Instant lastSeen) {
    }
}
