package dev.chat.contacts.storage;

import java.util.UUID;

/**
 * One entry of a user's address book.
 *
 * @param contactId the contact
 * @param name the name the owner gave the contact
 * @param number the contact's phone number
 */
public record Contact(UUID contactId, String name, String number) {
}
