package dev.chat.load.client;

import java.util.List;

/**
 * The chat protocol's frames the load tool writes (docs/protocol.md), built directly as text:
 * their fields are ids and the tool's own body format, none of which needs escaping.
 */
public final class ChatFrames {

    private ChatFrames() {
    }

    /** {@code send} to a user ({@code toField} "to") or a group ({@code toField} "group"). */
    public static String send(String clientId, String toField, String toValue, String body) {
        return send(clientId, toField, toValue, body, false);
    }

    /** As {@link #send(String, String, String, String)}, marked as a resend of an unanswered send when {@code resend}. */
    public static String send(String clientId, String toField, String toValue, String body, boolean resend) {
        return "{\"type\":\"send\",\"id\":\"" + clientId + "\",\"" + toField + "\":\"" + toValue + "\",\"body\":\"" + body
                + (resend ? "\",\"resend\":true}" : "\"}");
    }

    /** A {@code send} whose {@code body} (no character JSON must escape) is the caption of {@code attachmentJson}. */
    public static String sendWithAttachment(String clientId, String toField, String toValue, String body, String attachmentJson) {
        return "{\"type\":\"send\",\"id\":\"" + clientId + "\",\"" + toField + "\":\"" + toValue + "\",\"body\":\"" + body
                + "\",\"attachment\":" + attachmentJson + "}";
    }

    /** {@code react}: {@code emoji} (no character JSON must escape) on message {@code messageId}. */
    public static String react(String clientId, String toField, String toValue, String messageId, String emoji) {
        return "{\"type\":\"react\",\"id\":\"" + clientId + "\",\"" + toField + "\":\"" + toValue + "\",\"messageId\":\""
                + messageId + "\",\"emoji\":\"" + emoji + "\"}";
    }

    /** {@code delivered} for messages of one chat and sender. */
    public static String delivered(String chatId, String from, List<String> messageIds) {
        StringBuilder frame = new StringBuilder(64 + messageIds.size() * 40)
                .append("{\"type\":\"delivered\",\"chatId\":\"").append(chatId).append("\",\"from\":\"").append(from)
                .append("\",\"messageIds\":[");
        for (int i = 0; i < messageIds.size(); i++) {
            frame.append(i == 0 ? "\"" : ",\"").append(messageIds.get(i)).append('"');
        }
        return frame.append("]}").toString();
    }
}
