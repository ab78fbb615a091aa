package dev.chat.presence.storage;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.ContactIds;
import dev.chat.common.privacy.PresenceVisibility;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads what the presence privacy rules need about one viewer and the users they ask about, from
 * the tables contacts-service and message-service write: each user's setting
 * ({@code users.presence_visibility}), whose address books hold the viewer's number
 * ({@code contacts}), and the blocks either way ({@code blocks}). Four queries whatever the number
 * of users (a partition-key IN list), three of them side by side. Nothing is cached: a changed
 * setting or a new block applies to the very next lookup.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class PrivacyReader {

    private final QuarkusCqlSession session;
    private final PreparedStatement accounts;
    private final PreparedStatement booksHolding;
    private final PreparedStatement blockedByViewer;
    private final PreparedStatement blockingViewer;

    public PrivacyReader(QuarkusCqlSession session) {
        this.session = session;
        this.accounts = session.prepare("SELECT user_id, phone_number, presence_visibility FROM users WHERE user_id IN ?");
        this.booksHolding = session.prepare("SELECT user_id FROM contacts WHERE user_id IN ? AND contact_id = ?");
        this.blockedByViewer = session.prepare("SELECT blocked_id FROM blocks WHERE user_id = ?");
        this.blockingViewer = session.prepare("SELECT user_id FROM blocks WHERE user_id IN ? AND blocked_id = ?");
    }

    /**
     * What the rules need about {@code viewer} and {@code users}.
     *
     * @param settings the setting of each registered user asked about, and the viewer's; a user id
     *     without an account is absent
     * @param haveViewerAsContact the users whose address book holds the viewer's phone number
     * @param blockedEitherWay the users the viewer blocked or who blocked the viewer
     */
    public record Audience(Map<UUID, PresenceVisibility> settings, Set<UUID> haveViewerAsContact,
            Set<UUID> blockedEitherWay) {
    }

    public Uni<Audience> of(UUID viewer, List<UUID> users) {
        List<UUID> asked = users.stream().distinct().toList();
        List<UUID> accountsToRead = new ArrayList<>(asked);
        if (!accountsToRead.contains(viewer)) {
            accountsToRead.add(viewer);
        }
        Uni<List<Account>> read = Cql.all(session, accounts.bind(accountsToRead), row -> new Account(row.getUuid("user_id"),
                row.getString("phone_number"), PresenceVisibility.ofStored(row.getString("presence_visibility"))));
        Uni<List<UUID>> blocked = Cql.all(session, blockedByViewer.bind(viewer), row -> row.getUuid("blocked_id"));
        Uni<List<UUID>> blocking = Cql.all(session, blockingViewer.bind(asked, viewer),
                row -> row.getUuid("user_id"));
        return Uni.combine().all().unis(read, blocked, blocking).asTuple().chain(found -> {
            Map<UUID, PresenceVisibility> settings = new HashMap<>();
            String viewerNumber = null;
            for (Account account : found.getItem1()) {
                settings.put(account.userId(), account.visibility());
                if (account.userId().equals(viewer)) {
                    viewerNumber = account.phoneNumber();
                }
            }
            Set<UUID> blockedEitherWay = new HashSet<>(found.getItem2());
            blockedEitherWay.addAll(found.getItem3());
            return booksHoldingNumber(settings, viewerNumber)
                    .map(holding -> new Audience(Map.copyOf(settings), holding, Set.copyOf(blockedEitherWay)));
        });
    }

    /** Of the users whose setting is {@code contacts}, those whose address book holds {@code number}. */
    private Uni<Set<UUID>> booksHoldingNumber(Map<UUID, PresenceVisibility> settings, String number) {
        List<UUID> owners = settings.entrySet().stream().filter(e -> e.getValue() == PresenceVisibility.CONTACTS)
                .map(Map.Entry::getKey).toList();
        if (owners.isEmpty() || number == null) {
            return Uni.createFrom().item(Set.of());
        }
        return Cql.all(session, booksHolding.bind(owners, ContactIds.of(number)), row -> row.getUuid("user_id"))
                .map(Set::copyOf);
    }

    private record Account(UUID userId, String phoneNumber, PresenceVisibility visibility) {
    }
}
