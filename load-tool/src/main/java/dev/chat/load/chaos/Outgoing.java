package dev.chat.load.chaos;

import dev.chat.load.client.Recipient;

/**
 * One message a chaos client sends: number {@code seq} of stream {@code stream} (one sender's
 * messages to one chat), first handed to the client's outbox at {@code createdNanos}. Its client id
 * is derived from both, so every attempt of it carries the same id, as a real client's resends do.
 */
record Outgoing(int stream, int seq, Recipient to, long createdNanos) {

    String clientId() {
        return "chaos-" + stream + "-" + seq;
    }

    /** The body names the stream and number, so a receiver knows which message it got. */
    String body() {
        return "chaos " + stream + " " + seq;
    }

    /** The (stream, seq) of a body written by {@link #body}, or null for any other text. */
    static int[] parse(String body) {
        if (body == null || !body.startsWith("chaos ")) {
            return null;
        }
        String[] parts = body.split(" ");
        try {
            return new int[] {Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
        } catch (RuntimeException notOurs) {
            return null;
        }
    }
}
