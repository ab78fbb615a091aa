package dev.chat.common.protocol;

/**
 * What a reaction may hold: one emoji, which can be several code points (a skin tone, a
 * zero-width joiner sequence, a flag, a keycap), or nothing, which removes the user's reaction.
 * Checked the same on the socket and the internal API. The rule is structural, since the set of
 * emoji grows every year: at most {@link Limits#MAX_REACTION_CHARS} characters, no letter, no
 * white space and no control character, and at least one symbol (Unicode category So, which holds
 * the pictographs and flags) or the keycap mark U+20E3.
 */
public final class Reactions {

    private static final int KEYCAP = 0x20E3;

    private Reactions() {
    }

    /** Whether {@code emoji} may be a reaction; the empty string (a removal) is one. */
    public static boolean isValid(String emoji) {
        if (emoji == null || !Texts.isWellFormed(emoji) || Texts.characters(emoji) > Limits.MAX_REACTION_CHARS) {
            return false;
        }
        if (emoji.isEmpty()) {
            return true;
        }
        boolean symbol = false;
        for (int i = 0; i < emoji.length(); ) {
            int c = emoji.codePointAt(i);
            if (Character.isLetter(c) || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
                return false;
            }
            symbol |= Character.getType(c) == Character.OTHER_SYMBOL || c == KEYCAP;
            i += Character.charCount(c);
        }
        return symbol;
    }

    /** What a refused reaction is told. */
    public static final String RULE = "field 'emoji' must be one emoji (at most " + Limits.MAX_REACTION_CHARS
            + " characters, no text), or \"\" to remove the reaction";
}
