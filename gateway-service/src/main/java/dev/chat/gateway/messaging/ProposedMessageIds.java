package dev.chat.gateway.messaging;

import com.fasterxml.uuid.EthernetAddress;
import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedGenerator;
import dev.chat.support.collections.BoundedMaps;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;

/**
 * The message id this gateway proposes for each send of its users that it has not yet seen acked
 * or refused: the same id for every attempt of one send through this gateway, on any of its
 * sockets. Should an attempt's outcome never reach the gateway (a timeout, a dropped connection to
 * message-service) while message-service still stores it, the client's resend writes the same
 * rows under the same id instead of a second message (docs/protocol.md, *never stored twice*).
 *
 * <p>Ids are time-based (version 1) with a random node per process, so two gateways never make
 * the same id, and they increase in the order this gateway hands them out, which is the order of
 * each socket's sends. At most {@link #MAX_REMEMBERED} unsettled sends are remembered (the oldest
 * are forgotten first; a resend of a forgotten one is still recognised from {@code client_sends}
 * once its first attempt is stored).
 */
@ApplicationScoped
public class ProposedMessageIds {

    static final int MAX_REMEMBERED = 100_000;

    private record Key(UUID userId, String clientMessageId) {
    }

    private final TimeBasedGenerator generator = Generators.timeBasedGenerator(EthernetAddress.constructMulticastAddress());
    private final Map<Key, UUID> unsettled = BoundedMaps.oldestDroppedBeyond(MAX_REMEMBERED);

    /** The id to propose for an attempt of this send: the one proposed before, while it is unsettled. */
    public synchronized UUID forAttempt(UUID userId, String clientMessageId) {
        return unsettled.computeIfAbsent(new Key(userId, clientMessageId), key -> generator.generate());
    }

    /** The send was acked or refused for good: a later send with its client id is a new one. */
    public synchronized void settled(UUID userId, String clientMessageId) {
        unsettled.remove(new Key(userId, clientMessageId));
    }

    synchronized int unsettledCount() {
        return unsettled.size();
    }
}
