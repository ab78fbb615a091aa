package dev.chat.common.ids;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChatIdsTest {

    @Test
    void directChatIdIsTheSameForBothUsers() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertEquals(ChatIds.direct(a, b), ChatIds.direct(b, a));
    }

    @Test
    void differentPairsGetDifferentChats() {
        UUID a = UUID.randomUUID();
        Set<UUID> chats = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(chats.add(ChatIds.direct(a, UUID.randomUUID())));
        }
    }

    @Test
    void directChatIdsAreVersion5AndRecognised() {
        UUID chat = ChatIds.direct(UUID.randomUUID(), UUID.randomUUID());
        assertEquals(5, chat.version());
        assertEquals(2, chat.variant());
        assertTrue(ChatIds.isDirect(chat));
        assertFalse(ChatIds.isDirect(UUID.randomUUID()));
    }

    @Test
    void nameBasedIdsMatchTheStandardAlgorithm() {
        UUID dnsNamespace = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertEquals(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"),
                ChatIds.nameBasedV5(dnsNamespace, "www.example.com"));
    }

    @Test
    void aChatWithOneselfIsRefused() {
        UUID a = UUID.randomUUID();
        assertThrows(IllegalArgumentException.class, () -> ChatIds.direct(a, a));
    }

    @Test
    void swappedHalvesOfThePairDoNotCollide() {
        UUID a = new UUID(1, 2);
        UUID b = new UUID(3, 4);
        UUID c = new UUID(1, 4);
        UUID d = new UUID(3, 2);
        assertNotEquals(ChatIds.direct(a, b), ChatIds.direct(c, d));
    }
}
