package dev.chat.load.client;

/** Who a send goes to: one user (by user id) or a group (by group id); each protocol addresses them its own way. */
public record Recipient(Kind kind, String id) {

    public enum Kind {
        USER, GROUP
    }

    public static Recipient user(String userId) {
        return new Recipient(Kind.USER, userId);
    }

    public static Recipient group(String groupId) {
        return new Recipient(Kind.GROUP, groupId);
    }
}
