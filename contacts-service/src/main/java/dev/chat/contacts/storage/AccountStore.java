package dev.chat.contacts.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.privacy.PresenceVisibility;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Accounts ({@code users}) and who owns each phone number ({@code users_by_phone}).
 *
 * <p>Guarantee: one phone number belongs to at most one account. {@link #create} writes the
 * account row first and then claims the number with a lightweight transaction; when the claim
 * loses, the account row is deleted again and nothing refers to it. A crash between the two leaves
 * an account row that no number leads to and whose id nobody was given: harmless, and a retry
 * (which claims the number afresh) succeeds.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class AccountStore {

    /** How many single-partition reads one batch lookup keeps in flight. */
    private static final int LOOKUP_CONCURRENCY = 32;

    private final QuarkusCqlSession session;
    private final PreparedStatement insertUser;
    private final PreparedStatement deleteUser;
    private final PreparedStatement claimPhone;
    private final PreparedStatement selectUser;
    private final PreparedStatement selectOwner;
    private final PreparedStatement rename;
    private final PreparedStatement setPrivacy;

    public AccountStore(QuarkusCqlSession session) {
        this.session = session;
        this.insertUser = session.prepare("INSERT INTO users (user_id, phone_number, display_name, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?)");
        this.deleteUser = session.prepare("DELETE FROM users WHERE user_id = ?");
        this.claimPhone = session.prepare("INSERT INTO users_by_phone (phone_number, user_id) VALUES (?, ?) IF NOT EXISTS");
        this.selectUser = session.prepare(
                "SELECT user_id, phone_number, display_name, created_at, updated_at, presence_visibility, read_receipts FROM users"
                        + " WHERE user_id = ?");
        this.selectOwner = session.prepare("SELECT user_id FROM users_by_phone WHERE phone_number = ?");
        this.rename = session.prepare("UPDATE users SET display_name = ?, updated_at = ? WHERE user_id = ? IF EXISTS");
        this.setPrivacy = session.prepare(
                "UPDATE users SET presence_visibility = ?, read_receipts = ?, updated_at = ? WHERE user_id = ? IF EXISTS");
    }

    /** Creates the account; empty if its phone number already belongs to another account. */
    public Uni<Optional<Account>> create(UUID userId, String phoneNumber, String displayName) {
        Instant now = Instant.now();
        Account account = new Account(userId, phoneNumber, displayName, now, now, PresenceVisibility.DEFAULT, true);
        return Cql.run(session, insertUser.bind(userId, phoneNumber, displayName, now, now))
                .chain(() -> Cql.run(session, claimPhone.bind(phoneNumber, userId)))
                .chain(claim -> {
                    if (claim.wasApplied() || userId.equals(claim.one().getUuid("user_id"))) {
                        return Uni.createFrom().item(Optional.of(account));
                    }
                    return Cql.run(session, deleteUser.bind(userId)).replaceWith(Optional.<Account>empty());
                });
    }

    public Uni<Optional<Account>> find(UUID userId) {
        return Cql.run(session, selectUser.bind(userId))
                .map(rs -> Optional.ofNullable(rs.one()).map(AccountStore::toAccount));
    }

    /** The account that owns {@code phoneNumber}, if any. */
    public Uni<Optional<Account>> findByPhone(String phoneNumber) {
        return Cql.run(session, selectOwner.bind(phoneNumber)).chain(rs -> {
            Row owner = rs.one();
            return owner == null ? Uni.createFrom().item(Optional.<Account>empty()) : find(owner.getUuid("user_id"));
        });
    }

    /** The accounts among {@code phoneNumbers}, in no particular order; unregistered numbers are left out. */
    public Uni<List<Account>> findByPhones(Collection<String> phoneNumbers) {
        return Multi.createFrom().iterable(phoneNumbers)
                .onItem().transformToUni(this::findByPhone).merge(LOOKUP_CONCURRENCY)
                .filter(Optional::isPresent).map(Optional::get)
                .collect().asList();
    }

    /** Changes the display name; empty if there is no such account. */
    public Uni<Optional<Account>> rename(UUID userId, String displayName) {
        return Cql.run(session, rename.bind(displayName, Instant.now(), userId))
                .chain(rs -> rs.wasApplied() ? find(userId) : Uni.createFrom().item(Optional.<Account>empty()));
    }

    /**
     * Sets who may see the user's presence and, unless {@code readReceipts} is null, whether they
     * send and see read receipts; empty if there is no such account.
     */
    public Uni<Optional<Account>> setPrivacy(UUID userId, PresenceVisibility visibility, Boolean readReceipts) {
        return Cql.run(session, Cql.unsetNulls(setPrivacy.bind(visibility.wire(), readReceipts, Instant.now(), userId)))
                .chain(rs -> rs.wasApplied() ? find(userId) : Uni.createFrom().item(Optional.<Account>empty()));
    }

    private static Account toAccount(Row row) {
        return new Account(row.getUuid("user_id"), row.getString("phone_number"), row.getString("display_name"),
                row.getInstant("created_at"), Objects.requireNonNullElse(row.getInstant("updated_at"),
                        row.getInstant("created_at")), PresenceVisibility.ofStored(row.getString("presence_visibility")),
                // Never chosen (null) is on, as in WhatsApp.
                row.isNull("read_receipts") || row.getBoolean("read_receipts"));
    }
}
