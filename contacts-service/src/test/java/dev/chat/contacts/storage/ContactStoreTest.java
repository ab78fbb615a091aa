package dev.chat.contacts.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ContactStore contacts;

    @Test
    void pagesFollowEachOtherInContactIdOrderWithoutGapsOrRepeats() {
        UUID owner = UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            assertTrue(contacts.add(owner, new Contact(UUID.randomUUID(), "c" + i, "+1415555020" + i)).await().atMost(WAIT));
        }
        List<Contact> all = contacts.page(owner, null, 10).await().atMost(WAIT);
        List<Contact> first = contacts.page(owner, null, 2).await().atMost(WAIT);
        List<Contact> rest = contacts.page(owner, first.get(1).contactId(), 10).await().atMost(WAIT);
        assertEquals(5, all.size());
        assertEquals(all.subList(0, 2), first);
        assertEquals(all.subList(2, 5), rest);
    }

    @Test
    void addRenameAndRemoveReportWhetherTheEntryExisted() {
        UUID owner = UUID.randomUUID();
        Contact ann = new Contact(UUID.randomUUID(), "Ann", "+14155550101");
        assertTrue(contacts.add(owner, ann).await().atMost(WAIT));
        assertFalse(contacts.add(owner, new Contact(ann.contactId(), "Annie", ann.number())).await().atMost(WAIT));
        assertEquals("Annie", contacts.rename(owner, ann.contactId(), "Annie").await().atMost(WAIT).orElseThrow().name());
        assertTrue(contacts.rename(UUID.randomUUID(), ann.contactId(), "x").await().atMost(WAIT).isEmpty());
        assertTrue(contacts.remove(owner, ann.contactId()).await().atMost(WAIT));
        assertFalse(contacts.remove(owner, ann.contactId()).await().atMost(WAIT));
        assertTrue(contacts.find(owner, ann.contactId()).await().atMost(WAIT).isEmpty());
    }
}
