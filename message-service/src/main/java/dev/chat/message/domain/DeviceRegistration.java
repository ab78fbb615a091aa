package dev.chat.message.domain;

import dev.chat.common.events.DeviceRegistered;
import dev.chat.message.events.EventPublisher;
import dev.chat.message.storage.DeviceDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A device connects: it is recorded ({@link DeviceDirectory#register}) and, when its row was
 * written, announced to every message-service instance, which drop their cached device list of
 * the user (CacheAnnouncements), so that messages they store from then on have a pending row for
 * it. The announcement is best effort: should Kafka refuse it, the other instances re-read the
 * list within {@code chat.devices.cache-refresh} anyway, and the connection goes on.
 */
@ApplicationScoped
public class DeviceRegistration {

    private static final Logger LOG = Logger.getLogger(DeviceRegistration.class);

    private final DeviceDirectory devices;
    private final EventPublisher publisher;

    public DeviceRegistration(DeviceDirectory devices, EventPublisher publisher) {
        this.devices = devices;
        this.publisher = publisher;
    }

    public Uni<Void> connected(UUID userId, String deviceId) {
        return devices.register(userId, deviceId).chain(written -> !written ? Uni.createFrom().voidItem()
                : publisher.deviceRegistered(new DeviceRegistered(userId, deviceId)).onFailure().recoverWithUni(failure -> {
                    LOG.warnf("Announcing device %s of %s failed (other instances see it within the cache refresh): %s",
                            deviceId, userId, failure.getMessage());
                    return Uni.createFrom().voidItem();
                }));
    }
}
