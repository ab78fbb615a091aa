package dev.chat.inbox.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HistoryMessageTest {

    @Test
    void reactionsAreCountedPerEmojiTheMostGivenFirstWithWhoGaveThem() {
        UUID a = new UUID(0, 1);
        UUID b = new UUID(0, 2);
        UUID c = new UUID(0, 3);
        UUID d = new UUID(0, 4);

        List<HistoryMessage.Reaction> reactions = HistoryMessage.reactionsOf(Map.of(a, "😂", b, "👍", c, "😂", d, "❤️"));

        assertEquals(List.of(new HistoryMessage.Reaction("😂", 2, List.of(a, c)), new HistoryMessage.Reaction("❤️", 1, List.of(d)),
                new HistoryMessage.Reaction("👍", 1, List.of(b))), reactions, "ties keep the emoji's order");
        assertEquals(List.of(), HistoryMessage.reactionsOf(Map.of()));
    }
}
