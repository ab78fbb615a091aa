package dev.chat.gateway.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RecentMessageIdsTest {

    @Test
    void anEmptyMemoryContainsNothing() {
        assertFalse(new RecentMessageIds(4).contains(UUID.randomUUID()));
    }

    @Test
    void everyIdUpToTheBoundIsRemembered() {
        RecentMessageIds ids = new RecentMessageIds(100);
        List<UUID> added = add(ids, 100);
        assertEquals(100, ids.size());
        added.forEach(id -> assertTrue(ids.contains(id), id.toString()));
        assertFalse(ids.contains(UUID.randomUUID()));
    }

    @Test
    void beyondTheBoundTheOldestAreForgottenFirst() {
        RecentMessageIds ids = new RecentMessageIds(16);
        List<UUID> added = add(ids, 40);
        assertEquals(16, ids.size());
        for (int i = 0; i < 40; i++) {
            assertEquals(i >= 24, ids.contains(added.get(i)), "id " + i);
        }
    }

    @Test
    void idsSharingOneHalfAreTold() {
        RecentMessageIds ids = new RecentMessageIds(4);
        ids.add(new UUID(1, 2));
        assertFalse(ids.contains(new UUID(1, 3)));
        assertFalse(ids.contains(new UUID(3, 2)));
        assertTrue(ids.contains(new UUID(1, 2)));
    }

    @Test
    void aBoundBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RecentMessageIds(0));
    }

    private static List<UUID> add(RecentMessageIds ids, int count) {
        List<UUID> added = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            added.add(id);
        }
        return added;
    }
}
