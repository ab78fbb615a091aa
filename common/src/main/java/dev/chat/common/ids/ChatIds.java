package dev.chat.common.ids;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Chat identifiers.
 *
 * <p>A one-to-one chat's id is a name-based (version 5, SHA-1) UUID of the two user ids in sorted
 * order, in a namespace of this project's own. It is therefore the same whichever of the two users
 * computes it, needs no lookup, and cannot collide the way a short hash of the pair could. A group
 * chat's id is the group's id.
 */
public final class ChatIds {

    /** The namespace of direct-chat ids; changing it would orphan every stored chat. */
    static final UUID DIRECT_CHAT_NAMESPACE = UUID.fromString("6f1d3c1e-63b4-4b8e-9a7e-2c51f0e9d0a4");

    private ChatIds() {
    }

    /** The id of the one-to-one chat between two different users. */
    public static UUID direct(UUID userA, UUID userB) {
        if (userA.equals(userB)) {
            throw new IllegalArgumentException("a chat needs two different users");
        }
        UUID first = userA.compareTo(userB) < 0 ? userA : userB;
        UUID second = first == userA ? userB : userA;
        ByteBuffer name = ByteBuffer.allocate(32);
        name.putLong(first.getMostSignificantBits()).putLong(first.getLeastSignificantBits());
        name.putLong(second.getMostSignificantBits()).putLong(second.getLeastSignificantBits());
        return nameBasedV5(DIRECT_CHAT_NAMESPACE, name.array());
    }

    /** Whether an id was made by {@link #direct}: version-5 UUIDs are used for nothing else here. */
    public static boolean isDirect(UUID chatId) {
        return chatId.version() == 5;
    }

    static UUID nameBasedV5(UUID namespace, byte[] name) {
        MessageDigest sha1 = sha1();
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        sha1.update(name);
        byte[] hash = sha1.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    /** RFC 4122's own example: the DNS namespace and "www.example.com", for the tests. */
    static UUID nameBasedV5(UUID namespace, String name) {
        return nameBasedV5(namespace, name.getBytes(StandardCharsets.UTF_8));
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}
