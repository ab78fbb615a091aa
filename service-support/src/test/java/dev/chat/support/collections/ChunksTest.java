package dev.chat.support.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunksTest {

    @Test
    void aListIsCutIntoConsecutivePiecesOfTheSizeTheLastOneShorter() {
        assertEquals(List.of(List.of(1, 2), List.of(3, 4), List.of(5)), Chunks.of(List.of(1, 2, 3, 4, 5), 2));
        assertEquals(List.of(List.of(1, 2)), Chunks.of(List.of(1, 2), 2));
    }

    @Test
    void anEmptyListHasNoPiecesAndASizeBelowOneIsRefused() {
        assertEquals(List.of(), Chunks.of(List.of(), 3));
        assertThrows(IllegalArgumentException.class, () -> Chunks.of(List.of(1), 0));
    }
}
