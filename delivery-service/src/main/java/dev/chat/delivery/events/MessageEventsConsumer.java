package dev.chat.delivery.events;

import dev.chat.common.events.MessageStored;
import dev.chat.delivery.routing.RouteDirectory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@link MessageStored} events and resolves, for every recipient, the connected devices
 * the message must go to.
 *
 * <p>Delivery guarantee: a record's offset is committed only after its processing completed
 * (SmallRye's throttled commit strategy), so a crash re-delivers rather than drops. Messages for
 * recipients with no connected device are left to offline delivery (they are pending until a
 * device acknowledges them). Handing the message to the gateways is the next step of the
 * pipeline (docs/architecture.md).
 */
@ApplicationScoped
public class MessageEventsConsumer {

    private final RouteDirectory routes;
    private final Counter online;
    private final Counter offline;

    public MessageEventsConsumer(RouteDirectory routes, MeterRegistry registry) {
        this.routes = routes;
        this.online = Counter.builder("delivery.recipients").tag("state", "online")
                .description("Recipients of consumed messages that had a connected device").register(registry);
        this.offline = Counter.builder("delivery.recipients").tag("state", "offline")
                .description("Recipients of consumed messages with no connected device").register(registry);
    }

    @Incoming("messages-in")
    public Uni<Void> onMessage(MessageStored event) {
        List<Uni<Void>> lookups = new ArrayList<>(event.recipientIds().size());
        for (UUID recipient : event.recipientIds()) {
            lookups.add(routes.devicesOf(recipient).invoke(devices -> (devices.isEmpty() ? offline : online).increment())
                    .replaceWithVoid());
        }
        return Uni.join().all(lookups).andFailFast().replaceWithVoid();
    }
}
