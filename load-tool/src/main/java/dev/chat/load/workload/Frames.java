package dev.chat.load.workload;

import java.util.List;
import java.util.UUID;

/**
 * The frames the load tool sends, written directly as text (their fields are ids and the tool's
 * own body format, none of which needs escaping), and the numbering it puts into them.
 *
 * <p>A send's client id is {@code <run>.<phase>.<stream>.<seq>.<intended>} and its body starts
 * with {@code L|<phase>|<stream>|<seq>|<intended>|}: the ack and the delivered message both say
 * which message they are about and when it was meant to be sent (nanoseconds on the tool's clock).
 */
final class Frames {

    private Frames() {
    }

    record Numbered(int phase, int stream, int seq, long intendedNanos) {
    }

    static String send(String run, Numbered m, String toField, String toValue, String padding) {
        return "{\"type\":\"send\",\"id\":\"" + run + '.' + m.phase() + '.' + m.stream() + '.' + m.seq() + '.'
                + m.intendedNanos() + "\",\"" + toField + "\":\"" + toValue + "\",\"body\":\"L|" + m.phase() + '|'
                + m.stream() + '|' + m.seq() + '|' + m.intendedNanos() + '|' + padding + "\"}";
    }

    /** The numbering in an ack's or error's client id, or null when the id is not the tool's. */
    static Numbered fromClientId(String id) {
        String[] parts = id.split("\\.");
        return parts.length == 5 ? numbered(parts) : null;
    }

    /** The numbering in a message body, or null for a message the tool did not send. */
    static Numbered fromBody(String body) {
        String[] parts = body.split("\\|", 6);
        return body.startsWith("L|") && parts.length >= 5 ? numbered(parts) : null;
    }

    /** Parts 1 to 4 are phase, stream, sequence and intended time. */
    private static Numbered numbered(String[] parts) {
        try {
            return new Numbered(Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]),
                    Long.parseLong(parts[4]));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String delivered(String chatId, String from, List<String> messageIds) {
        StringBuilder frame = new StringBuilder(64 + messageIds.size() * 40)
                .append("{\"type\":\"delivered\",\"chatId\":\"").append(chatId).append("\",\"from\":\"").append(from)
                .append("\",\"messageIds\":[");
        for (int i = 0; i < messageIds.size(); i++) {
            frame.append(i == 0 ? "\"" : ",\"").append(messageIds.get(i)).append('"');
        }
        return frame.append("]}").toString();
    }

    static String padding(int bodyLength) {
        return "x".repeat(Math.max(0, bodyLength - 40));
    }

    static String shortRunId() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
