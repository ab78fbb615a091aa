package dev.chat.contacts.storage;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A user's contacts: one partition per user (the seed's layout), ordered by contact id, paged by
 * the last contact id of the previous page.
 *
 * <p>Adding, renaming and removing are lightweight transactions, so that "already a contact" and
 * "no such contact" are answered truthfully even when two devices of the user edit at once.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class ContactStore {

    private final QuarkusCqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement rename;
    private final PreparedStatement delete;
    private final PreparedStatement selectOne;
    private final PreparedStatement selectFirst;
    private final PreparedStatement selectAfter;

    public ContactStore(QuarkusCqlSession session) {
        this.session = session;
        this.insert = session.prepare("INSERT INTO contacts (user_id, contact_id, contact_name, contact_number)"
                + " VALUES (?, ?, ?, ?) IF NOT EXISTS");
        this.rename = session.prepare("UPDATE contacts SET contact_name = ? WHERE user_id = ? AND contact_id = ? IF EXISTS");
        this.delete = session.prepare("DELETE FROM contacts WHERE user_id = ? AND contact_id = ? IF EXISTS");
        this.selectOne = session.prepare(
                "SELECT contact_id, contact_name, contact_number FROM contacts WHERE user_id = ? AND contact_id = ?");
        this.selectFirst = session.prepare(
                "SELECT contact_id, contact_name, contact_number FROM contacts WHERE user_id = ? LIMIT ?");
        this.selectAfter = session.prepare("SELECT contact_id, contact_name, contact_number FROM contacts"
                + " WHERE user_id = ? AND contact_id > ? LIMIT ?");
    }

    /** Adds the contact; false if the owner already has a contact with its id. */
    public Uni<Boolean> add(UUID owner, Contact contact) {
        return Cql.run(session, insert.bind(owner, contact.contactId(), contact.name(), contact.number()))
                .map(AsyncResultSet::wasApplied);
    }

    /** Renames the contact; empty if the owner has no such contact. */
    public Uni<Optional<Contact>> rename(UUID owner, UUID contactId, String name) {
        return Cql.run(session, rename.bind(name, owner, contactId))
                .chain(rs -> rs.wasApplied() ? find(owner, contactId) : Uni.createFrom().item(Optional.<Contact>empty()));
    }

    /** Removes the contact; false if the owner had no such contact. */
    public Uni<Boolean> remove(UUID owner, UUID contactId) {
        return Cql.run(session, delete.bind(owner, contactId)).map(AsyncResultSet::wasApplied);
    }

    public Uni<Optional<Contact>> find(UUID owner, UUID contactId) {
        return Cql.run(session, selectOne.bind(owner, contactId))
                .map(rs -> Optional.ofNullable(rs.one()).map(ContactStore::toContact));
    }

    /** Up to {@code limit} contacts of the owner that come after {@code after} (from the first if null). */
    public Uni<List<Contact>> page(UUID owner, UUID after, int limit) {
        return Cql.all(session, after == null ? selectFirst.bind(owner, limit) : selectAfter.bind(owner, after, limit),
                ContactStore::toContact);
    }

    private static Contact toContact(Row row) {
        return new Contact(row.getUuid("contact_id"), row.getString("contact_name"), row.getString("contact_number"));
    }
}
