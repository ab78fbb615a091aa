package dev.chat.load.workload;

import dev.chat.load.client.ChatFrames;
import java.util.List;
import java.util.UUID;

/**
 * The numbering the load tool puts into every message it sends, whatever the protocol, and the
 * chat protocol's frames that carry it (written by {@link ChatFrames}).
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

    /** The client id of message {@code m} of run {@code run}. */
    static String clientId(String run, Numbered m) {
        return run + '.' + m.phase() + '.' + m.stream() + '.' + m.seq() + '.' + m.intendedNanos();
    }

    /** The body of message {@code m}: its numbering, then {@code padding}. */
    static String body(Numbered m, String padding) {
        return "L|" + m.phase() + '|' + m.stream() + '|' + m.seq() + '|' + m.intendedNanos() + '|' + padding;
    }

    /** The chat protocol's {@code send} frame of message {@code m}, as ChatProtocolClient writes it. */
    static String send(String run, Numbered m, String toField, String toValue, String padding) {
        return ChatFrames.send(clientId(run, m), toField, toValue, body(m, padding));
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

    /** The chat protocol's {@code delivered} frame, as ChatProtocolClient writes it. */
    static String delivered(String chatId, String from, List<String> messageIds) {
        return ChatFrames.delivered(chatId, from, messageIds);
    }

    static String padding(int bodyLength) {
        return "x".repeat(Math.max(0, bodyLength - 40));
    }

    static String shortRunId() {
        return UUID.randomUUID().toString().substring(0, 6);
    }
}
