package dev.chat.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PreviewsTest {

    @Test
    void aLongBodyIsCutWithoutSplittingASurrogatePair() {
        String body = "a".repeat(Previews.LENGTH - 1) + "😀" + "tail";
        assertEquals("a".repeat(Previews.LENGTH - 1), Previews.of(body));
        assertEquals("short", Previews.of("short"));
    }

    @Test
    void aSystemMessageIsShownAsALineAndAMembersMessageAsItsBody() {
        assertEquals("created the group \"Team\"", Previews.of(SystemEvent.CREATED, "Team"));
        assertEquals("added a member", Previews.of(SystemEvent.ADDED, ""));
        assertEquals("hello", Previews.of(null, "hello"));
    }
}
