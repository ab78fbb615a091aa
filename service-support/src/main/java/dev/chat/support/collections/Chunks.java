package dev.chat.support.collections;

import java.util.ArrayList;
import java.util.List;

/** A list cut into consecutive pieces of bounded size (requests, scripts, batches of a bounded size). */
public final class Chunks {

    private Chunks() {
    }

    /**
     * The consecutive pieces of {@code list}, each of {@code size} elements except perhaps the last;
     * none for an empty list. The pieces are views of {@code list}, in its order.
     */
    public static <T> List<List<T>> of(List<T> list, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("a chunk holds at least one element");
        }
        List<List<T>> chunks = new ArrayList<>((list.size() + size - 1) / size);
        for (int from = 0; from < list.size(); from += size) {
            chunks.add(list.subList(from, Math.min(list.size(), from + size)));
        }
        return chunks;
    }
}
