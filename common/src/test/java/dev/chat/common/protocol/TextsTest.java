package dev.chat.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextsTest {

    private static final String GRINNING_FACE = new String(Character.toChars(0x1F600));

    @Test
    void aCharacterOutsideTheBasicPlaneCountsOnce() {
        assertEquals(2, GRINNING_FACE.length(), "two UTF-16 units");
        assertEquals(1, Texts.characters(GRINNING_FACE));
        assertEquals(Limits.MAX_BODY_CHARS, Texts.characters(GRINNING_FACE.repeat(Limits.MAX_BODY_CHARS)));
    }

    @Test
    void onlyPairedSurrogatesAreWellFormed() {
        assertTrue(Texts.isWellFormed("plain " + GRINNING_FACE + " text"));
        assertFalse(Texts.isWellFormed("x" + (char) 0xD800 + "y"), "a high surrogate alone");
        assertFalse(Texts.isWellFormed("x" + (char) 0xDC00), "a low surrogate alone");
        assertFalse(Texts.isWellFormed(String.valueOf((char) 0xD800)), "a high surrogate at the end");
        assertFalse(Texts.isWellFormed("" + (char) 0xDC00 + (char) 0xD800), "a pair in the wrong order");
    }
}
