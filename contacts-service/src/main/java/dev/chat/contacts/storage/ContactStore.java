package dev.chat.contacts.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A user's contacts: one partition per user (the seed's layout), ordered by contact id. */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class ContactStore {

    private final QuarkusCqlSession session;
    private final PreparedStatement upsert;
    private final PreparedStatement selectAll;

    public ContactStore(QuarkusCqlSession session) {
        this.session = session;
        this.upsert = session.prepare(
                "INSERT INTO contacts (user_id, contact_id, contact_name, contact_number) VALUES (?, ?, ?, ?)");
        this.selectAll = session.prepare(
                "SELECT contact_id, contact_name, contact_number FROM contacts WHERE user_id = ?");
    }

    /** Adds the contact, or replaces the one with the same id. */
    public Uni<Void> save(UUID owner, Contact contact) {
        return Uni.createFrom().completionStage(() -> session.executeAsync(
                upsert.bind(owner, contact.contactId(), contact.name(), contact.number()))).replaceWithVoid();
    }

    /** The owner's first {@code limit} contacts. */
    public Uni<List<Contact>> list(UUID owner, int limit) {
        return Uni.createFrom().completionStage(() -> session.executeAsync(selectAll.bind(owner).setPageSize(limit)))
                .map(page -> {
                    List<Contact> contacts = new ArrayList<>();
                    for (Row row : page.currentPage()) {
                        if (contacts.size() == limit) {
                            break;
                        }
                        contacts.add(new Contact(row.getUuid("contact_id"), row.getString("contact_name"),
                                row.getString("contact_number")));
                    }
                    return contacts;
                });
    }
}
