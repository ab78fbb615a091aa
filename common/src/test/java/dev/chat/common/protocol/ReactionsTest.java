package dev.chat.common.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReactionsTest {

    @Test
    void emojiOfEveryShapeAreReactions() {
        for (String emoji : new String[] {"👍", "❤️", "👍🏽", "👨‍👩‍👧‍👦", "🇫🇷", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "☕"}) {
            assertTrue(Reactions.isValid(emoji), emoji);
        }
        assertTrue(Reactions.isValid(""), "the empty reaction removes one");
    }

    @Test
    void textSpacesControlsAndLongRunsAreNot() {
        for (String text : new String[] {"ok", "👍 ", " ", "\n", "a👍", "1", "\u200d", "👍".repeat(Limits.MAX_REACTION_CHARS + 1),
                "\ud83d"}) {
            assertFalse(Reactions.isValid(text), text);
        }
        assertFalse(Reactions.isValid(null));
    }
}
