package dev.chat.common.protocol;

/**
 * How the limits on text count and what text is accepted, the same for the socket and the
 * internal API: a character is a Unicode code point (an emoji outside the Basic Multilingual
 * Plane counts once, not as the two UTF-16 units Java stores), and text must be well-formed
 * Unicode (no surrogate without its pair, which JSON's {@code \\ud800} escape can carry and
 * which no UTF-8 encoder can write).
 */
public final class Texts {

    private Texts() {
    }

    /** The characters (code points) of {@code text}. */
    public static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Whether every surrogate in {@code text} is part of a pair. */
    public static boolean isWellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
