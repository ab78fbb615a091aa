package dev.chat.contacts.storage;

import dev.chat.common.privacy.PresenceVisibility;
import java.time.Instant;
import java.util.UUID;

/**
 * A registered account.
 *
 * @param userId the id every other service knows the user by
 * @param phoneNumber the account's phone number, E.164
 * @param displayName the name the user chose to be shown to others
 * @param presenceVisibility who may see the user's presence and last seen
 * @param readReceipts whether the user sends and sees read receipts in one-to-one chats
 */
public record Account(UUID userId, String phoneNumber, String displayName, Instant createdAt, Instant updatedAt,
        PresenceVisibility presenceVisibility, boolean readReceipts) {
}
