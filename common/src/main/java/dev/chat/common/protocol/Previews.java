package dev.chat.common.protocol;

/**
 * What an inbox shows as a conversation's last message: the first {@value #LENGTH} characters of a
 * member's message (never a split surrogate pair), or a short line for a group's system message.
 * One home, because message-service writes previews into inbox rows and inbox-service derives a
 * group's from its newest message; both must read the same.
 */
public final class Previews {

    /** The longest preview, in UTF-16 characters. */
    public static final int LENGTH = 100;

    /** The preview of a message deleted for everyone. */
    public static final String DELETED = "This message was deleted";

    private Previews() {
    }

    /** The preview of a message: a member's body, or the line for a system message ({@code system} not null). */
    public static String of(SystemEvent system, String body) {
        return system == null ? of(body) : of(lineOf(system, body));
    }

    /**
     * The preview of any message: a system message's line, else for a message that carries a file
     * its caption, or a word for the kind of file ("Photo", "Video", "Audio", "File") when it has
     * none, else the body.
     */
    public static String of(SystemEvent system, String body, Attachment attachment) {
        if (system != null || attachment == null) {
            return of(system, body);
        }
        if (body != null && !body.isEmpty()) {
            return of(body);
        }
        String contentType = attachment.contentType();
        String family = contentType == null ? "" : contentType.substring(0, Math.max(0, contentType.indexOf('/')));
        return switch (family) {
            case "image" -> "Photo";
            case "video" -> "Video";
            case "audio" -> "Audio";
            default -> "File";
        };
    }

    /** The body cut to {@link #LENGTH} characters. */
    public static String of(String body) {
        if (body == null || body.length() <= LENGTH) {
            return body;
        }
        int end = Character.isHighSurrogate(body.charAt(LENGTH - 1)) ? LENGTH - 1 : LENGTH;
        return body.substring(0, end);
    }

    private static String lineOf(SystemEvent system, String body) {
        return switch (system) {
            case CREATED -> "created the group \"" + body + "\"";
            case RENAMED -> "renamed the group to \"" + body + "\"";
            case ADDED -> "added a member";
            case REMOVED -> "removed a member";
            case LEFT -> "left the group";
            case PROMOTED -> "made a member an admin";
            case DEMOTED -> "made an admin a member";
        };
    }
}
