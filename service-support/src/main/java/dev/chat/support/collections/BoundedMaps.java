package dev.chat.support.collections;

import java.util.LinkedHashMap;
import java.util.Map;

/** Maps that remember a bounded number of entries. */
public final class BoundedMaps {

    private BoundedMaps() {
    }

    /**
     * A map of at most {@code max} entries: putting one more drops the oldest put. Not
     * thread-safe; callers guard it.
     */
    public static <K, V> Map<K, V> oldestDroppedBeyond(int max) {
        return new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }
}
