package dev.chat.message.storage;

/** The inbox preview of a message: its first 100 characters, never splitting a surrogate pair. */
final class Previews {

    static final int LENGTH = 100;

    private Previews() {
    }

    static String of(String body) {
        if (body.length() <= LENGTH) {
            return body;
        }
        int end = Character.isHighSurrogate(body.charAt(LENGTH - 1)) ? LENGTH - 1 : LENGTH;
        return body.substring(0, end);
    }
}
