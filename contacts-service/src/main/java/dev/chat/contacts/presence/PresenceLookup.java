package dev.chat.contacts.presence;

import dev.chat.contacts.config.ContactsServiceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Presence of a page of contacts, asked of presence-service in one call.
 *
 * <p>Presence is decoration, not data: if presence-service does not answer within
 * {@code chat.contacts.presence-timeout} (default 1 s) the contacts are listed without it (an empty
 * map; {@code presence} is then null in the answer), counted in {@code contacts.presence.unavailable}.
 */
@ApplicationScoped
public class PresenceLookup {

    private static final Logger LOG = Logger.getLogger(PresenceLookup.class);

    private final PresenceClient client;
    private final Duration timeout;
    private final Counter unavailable;

    public PresenceLookup(@RestClient PresenceClient client,
            ContactsServiceConfig config,
            MeterRegistry registry) {
        this.client = client;
        this.timeout = config.contacts().presenceTimeout();
        this.unavailable = Counter.builder("contacts.presence.unavailable").register(registry);
    }

    /** Presence by user id for {@code userIds}, as seen with the caller's {@code authorization}. */
    public Uni<Map<UUID, PresenceClient.UserPresence>> of(Collection<UUID> userIds, String authorization) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.lookup(authorization, new PresenceClient.LookupRequest(List.copyOf(userIds)))
                .ifNoItem().after(timeout).fail()
                .map(answer -> answer.users().stream()
                        .collect(Collectors.toMap(PresenceClient.UserPresence::userId, Function.identity(), (a, b) -> a)))
                .onFailure().recoverWithItem(failure -> {
                    unavailable.increment();
                    LOG.debugf("presence-service did not answer: %s", failure.toString());
                    return Map.of();
                });
    }
}
