package dev.chat.common.ids;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The id of an address-book entry: a name-based UUID of its phone number, the same in every
 * address book. A number is therefore at most once in one book, adding it twice is detected by
 * the key alone, and an entry stays valid whether or not the number is registered yet. Whether
 * user A has user B in their book is one row read: A's partition, the id of B's number
 * (presence-service asks it for the {@code contacts} privacy setting).
 */
public final class ContactIds {

    private ContactIds() {
    }

    public static UUID of(String e164Number) {
        return UUID.nameUUIDFromBytes(("chat-contact:" + e164Number).getBytes(StandardCharsets.UTF_8));
    }
}
