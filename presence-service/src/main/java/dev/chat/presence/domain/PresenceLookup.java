package dev.chat.presence.domain;

import dev.chat.presence.storage.Presence;
import dev.chat.presence.storage.PresenceReader;
import dev.chat.presence.storage.PrivacyReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Presence as one viewer may see it: the privacy rules first ({@link PresencePolicy}, read from
 * Cassandra), then the routes in Redis of only the users the viewer may see. A user hidden from the
 * viewer is answered {@link Presence#hidden}, indistinguishable from a user who was never online.
 */
@ApplicationScoped
public class PresenceLookup {

    private final PrivacyReader privacy;
    private final PresenceReader presence;

    public PresenceLookup(PrivacyReader privacy, PresenceReader presence) {
        this.privacy = privacy;
        this.presence = presence;
    }

    /** One answer per user asked about, in the order asked. */
    public Uni<List<Presence>> asSeenBy(UUID viewer, List<UUID> users) {
        return privacy.of(viewer, users).chain(audience -> {
            List<UUID> visible = users.stream().filter(u -> PresencePolicy.maySee(viewer, u, audience)).distinct().toList();
            return presence.presenceOf(visible).map(found -> {
                Map<UUID, Presence> byUser = new HashMap<>();
                found.forEach(p -> byUser.put(p.userId(), p));
                List<Presence> answer = new ArrayList<>(users.size());
                users.forEach(u -> answer.add(byUser.getOrDefault(u, Presence.hidden(u))));
                return answer;
            });
        });
    }
}
