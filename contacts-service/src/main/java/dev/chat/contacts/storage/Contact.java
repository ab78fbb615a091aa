package dev.chat.contacts.storage;

import java.util.UUID;

/**
 * One entry of a user's address book.
 *
 * @param contactId the entry's id: derived from the phone number ({@link dev.chat.common.ids.ContactIds}),
 *     so a number is in one address book at most once
 * @param name the name the owner gave the contact
 * @param number the contact's phone number, E.164
 */
public record Contact(UUID contactId, String name, String number) {
}
