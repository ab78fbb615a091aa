package dev.chat.contacts.domain;

import dev.chat.common.errors.Refusal;
import dev.chat.common.ids.ContactIds;
import dev.chat.contacts.presence.PresenceClient;
import dev.chat.contacts.presence.PresenceLookup;
import dev.chat.contacts.storage.Account;
import dev.chat.contacts.storage.AccountStore;
import dev.chat.contacts.storage.Contact;
import dev.chat.contacts.storage.ContactStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A user's address book, each entry shown with whether its number is registered and, through
 * presence-service, whether that user is online.
 *
 * <p>Registration is resolved when the book is read, not when an entry is added: a contact who
 * registers later shows as registered from then on, with nothing to update. Another user's entry
 * answers 404, the same as an entry that does not exist.
 */
@ApplicationScoped
public class ContactBook {

    private final ContactStore contacts;
    private final AccountStore accounts;
    private final PresenceLookup presence;

    public ContactBook(ContactStore contacts, AccountStore accounts, PresenceLookup presence) {
        this.contacts = contacts;
        this.accounts = accounts;
        this.presence = presence;
    }

    /** Up to {@code limit} entries after {@code after} (from the first if null), in contact-id order. */
    public Uni<List<ContactView>> page(UUID owner, UUID after, int limit, String authorization) {
        return contacts.page(owner, after, limit).chain(page -> views(page, authorization));
    }

    public Uni<ContactView> one(UUID owner, UUID contactId, String authorization) {
        return contacts.find(owner, contactId)
                .map(found -> found.orElseThrow(() -> notFound(contactId)))
                .chain(contact -> views(List.of(contact), authorization)).map(views -> views.get(0));
    }

    /** Adds a number (E.164) to the book; 409 if it is already there. */
    public Uni<ContactView> add(UUID owner, String phoneNumber, String name, String authorization) {
        Contact contact = new Contact(ContactIds.of(phoneNumber), name, phoneNumber);
        return contacts.add(owner, contact).chain(added -> {
            if (!added) {
                throw Refusal.conflict(null, phoneNumber + " is already a contact ("
                        + contact.contactId() + "); rename it instead");
            }
            return views(List.of(contact), authorization).map(views -> views.get(0));
        });
    }

    public Uni<ContactView> rename(UUID owner, UUID contactId, String name, String authorization) {
        return contacts.rename(owner, contactId, name)
                .map(found -> found.orElseThrow(() -> notFound(contactId)))
                .chain(contact -> views(List.of(contact), authorization)).map(views -> views.get(0));
    }

    public Uni<Void> remove(UUID owner, UUID contactId) {
        return contacts.remove(owner, contactId).invoke(removed -> {
            if (!removed) {
                throw notFound(contactId);
            }
        }).replaceWithVoid();
    }

    private Uni<List<ContactView>> views(List<Contact> page, String authorization) {
        return accounts.findByPhones(page.stream().map(Contact::number).toList()).chain(found -> {
            Map<String, Account> byPhone = found.stream().collect(Collectors.toMap(Account::phoneNumber, Function.identity()));
            List<UUID> userIds = found.stream().map(Account::userId).toList();
            return presence.of(userIds, authorization).map(online -> page.stream()
                    .map(contact -> view(contact, Optional.ofNullable(byPhone.get(contact.number())), online))
                    .toList());
        });
    }

    private static ContactView view(Contact contact, Optional<Account> account,
            Map<UUID, PresenceClient.UserPresence> presence) {
        if (account.isEmpty()) {
            return new ContactView(contact.contactId(), contact.name(), contact.number(), false, null, null, null);
        }
        PresenceClient.UserPresence seen = presence.get(account.get().userId());
        // A user who hides their presence from the caller (privacy setting, a block) is shown without it.
        ContactView.Presence shown = seen == null || Boolean.FALSE.equals(seen.visible()) ? null
                : new ContactView.Presence(seen.online(), seen.online() ? null : seen.lastSeen());
        return new ContactView(contact.contactId(), contact.name(), contact.number(), true, account.get().userId(),
                account.get().displayName(), shown);
    }

    private static Refusal notFound(UUID contactId) {
        return Refusal.notFound(null, "no contact " + contactId + " in your address book");
    }
}
