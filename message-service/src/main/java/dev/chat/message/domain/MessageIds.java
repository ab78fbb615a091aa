package dev.chat.message.domain;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import dev.chat.common.ids.TimeUuids;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Decides a new message's id: the one its gateway proposed ({@code SendRequest#messageId}), or a
 * new time-based id of this service.
 *
 * <p>A proposed id is taken when it is time-based and its time lies within {@link #OLDEST_TAKEN}
 * before this service's clock and not after it. Not after: a message's rows are written with its
 * id's time as write time, and the receipts that later delete or update them with this service's
 * clock; an id ahead of that clock could win over them. Not older: a gateway proposes the id again
 * only while it waits for the send's ack, which a client does not wait for that long. An id
 * outside the window is replaced, which gives up nothing but the idempotence of that one attempt.
 */
@ApplicationScoped
public class MessageIds {

    /** How old a proposed id may be: longer than any client waits before it resends. */
    static final Duration OLDEST_TAKEN = Duration.ofMinutes(10);

    private final Clock clock;

    public MessageIds() {
        this(Clock.systemUTC());
    }

    MessageIds(Clock clock) {
        this.clock = clock;
    }

    /** The id to store a message under. */
    public UUID chosenOrNew(UUID proposed) {
        return proposed != null && isTakeable(proposed) ? proposed : Uuids.timeBased();
    }

    private boolean isTakeable(UUID proposed) {
        if (!TimeUuids.isMessageId(proposed)) {
            return false;
        }
        Instant at = TimeUuids.instantOf(proposed);
        Instant now = clock.instant();
        return !at.isAfter(now) && !at.isBefore(now.minus(OLDEST_TAKEN));
    }
}
