package dev.chat.contacts.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.contacts.support.Phones;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    AccountStore accounts;

    @Test
    void ofConcurrentRegistrationsOfOneNumberExactlyOneWinsAndTheLosersLeaveNoAccount() {
        String phone = Phones.fresh();
        List<UUID> candidates = new ArrayList<>();
        List<Uni<Optional<Account>>> attempts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID id = UUID.randomUUID();
            candidates.add(id);
            attempts.add(accounts.create(id, phone, "candidate " + i));
        }
        List<Optional<Account>> outcomes = Uni.join().all(attempts).andFailFast().await().atMost(WAIT);

        List<Account> winners = outcomes.stream().flatMap(Optional::stream).toList();
        assertEquals(1, winners.size(), "exactly one registration wins: " + outcomes);
        UUID winner = winners.get(0).userId();
        assertEquals(winner, accounts.findByPhone(phone).await().atMost(WAIT).orElseThrow().userId());
        for (UUID loser : candidates) {
            if (!loser.equals(winner)) {
                assertTrue(accounts.find(loser).await().atMost(WAIT).isEmpty(), "no account row for " + loser);
            }
        }
    }

    @Test
    void renamingChangesOnlyTheNameAndAnUnknownAccountIsReported() {
        UUID id = UUID.randomUUID();
        String phone = Phones.fresh();
        accounts.create(id, phone, "Old").await().atMost(WAIT).orElseThrow();
        Account renamed = accounts.rename(id, "New").await().atMost(WAIT).orElseThrow();
        assertEquals("New", renamed.displayName());
        assertEquals(phone, renamed.phoneNumber());
        assertTrue(accounts.rename(UUID.randomUUID(), "Nobody").await().atMost(WAIT).isEmpty());
    }
}
