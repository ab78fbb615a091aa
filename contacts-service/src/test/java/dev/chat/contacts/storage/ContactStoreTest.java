package dev.chat.contacts.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ContactStore contacts;

    @Test
    void savedContactsAreListedForTheirOwnerOnly() {
        UUID owner = UUID.randomUUID();
        Contact ann = new Contact(UUID.randomUUID(), "Ann", "+14155550101");
        Contact ben = new Contact(UUID.randomUUID(), "Ben", "+14155550102");
        contacts.save(owner, ann).await().atMost(WAIT);
        contacts.save(owner, ben).await().atMost(WAIT);
        contacts.save(UUID.randomUUID(), new Contact(UUID.randomUUID(), "Someone else's", "+14155550103"))
                .await().atMost(WAIT);

        assertEquals(Set.of(ann, ben), Set.copyOf(contacts.list(owner, 50).await().atMost(WAIT)));
    }

    @Test
    void savingAgainRenamesAndTheLimitHolds() {
        UUID owner = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        contacts.save(owner, new Contact(id, "Annie", "+14155550101")).await().atMost(WAIT);
        contacts.save(owner, new Contact(id, "Ann", "+14155550101")).await().atMost(WAIT);
        for (int i = 0; i < 5; i++) {
            contacts.save(owner, new Contact(UUID.randomUUID(), "c" + i, "+1415555020" + i)).await().atMost(WAIT);
        }

        List<Contact> firstThree = contacts.list(owner, 3).await().atMost(WAIT);
        assertEquals(3, firstThree.size());
        assertEquals(Set.of("Ann"), contacts.list(owner, 50).await().atMost(WAIT).stream()
                .filter(c -> c.contactId().equals(id)).map(Contact::name).collect(Collectors.toSet()));
    }
}
