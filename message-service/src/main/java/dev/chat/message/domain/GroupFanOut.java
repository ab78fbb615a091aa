package dev.chat.message.domain;

import dev.chat.message.events.EventPublisher;
import dev.chat.message.storage.DeviceDirectory;
import dev.chat.message.storage.GroupMessageStore;
import dev.chat.message.storage.UnclaimedMessages;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Takes a group message to its members: stored once, then every member's inbox and pending rows,
 * then the event delivery-service pushes to their connected devices.
 *
 * <p>Guarantee: when the returned Uni completes, the message is stored, every recipient's inbox
 * and pending rows are written and Kafka has the event. If it fails part-way, running
 * {@link #fanOutAndPublish} again completes it without duplicating anything (all writes are
 * idempotent); clients de-duplicate a message pushed twice by its id. The number of members each
 * message reaches is the metric {@code message.group.fanout.members}.
 *
 * <p>Order: members' devices get a group's messages pushed in the order they were published (one
 * Kafka partition per chat). Messages written side by side are published in a chosen order by
 * giving each the {@code turn} to wait for: the outcome of the one to publish before it, success
 * or failure. Their rows need no order (they are read by message id).
 */
@ApplicationScoped
public class GroupFanOut {

    /** The turn of a message that waits for no other. */
    public static final Uni<Void> NO_TURN = Uni.createFrom().voidItem();

    private final GroupMessageStore store;
    private final DeviceDirectory devices;
    private final EventPublisher publisher;
    private final UnclaimedMessages unclaimed;
    private final DistributionSummary membersReached;

    public GroupFanOut(GroupMessageStore store, DeviceDirectory devices, EventPublisher publisher,
            UnclaimedMessages unclaimed, MeterRegistry registry) {
        this.unclaimed = unclaimed;
        this.store = store;
        this.devices = devices;
        this.publisher = publisher;
        this.membersReached = DistributionSummary.builder("message.group.fanout.members")
                .description("Members a group message was written and published for").register(registry);
    }

    /** Stores, fans out and publishes the message at once. */
    public Uni<Void> deliver(GroupMessage message, Collection<UUID> recipients) {
        return deliver(message, recipients, NO_TURN);
    }

    /** Stores and fans out the message, and publishes it once {@code turn} has an outcome. */
    public Uni<Void> deliver(GroupMessage message, Collection<UUID> recipients, Uni<?> turn) {
        return store.store(message).chain(() -> fanOutAndPublish(message, recipients, turn));
    }

    /** Fans out a stored message again, and publishes it once {@code turn} has an outcome. */
    public Uni<Void> fanOutAndPublish(GroupMessage message, Collection<UUID> recipients, Uni<?> turn) {
        List<UUID> everyone = List.copyOf(recipients);
        return devices.devicesOfEach(everyone)
                .chain(byUser -> store.fanOut(message, byUser)
                        .chain(() -> unclaimed.settleDeviceless(byUser, message.senderId(), GroupMessageStore.pendingRow(message))))
                .chain(() -> turn.onItemOrFailure().transformToUni((item, failure) -> publisher.groupMessageStored(message, everyone)))
                .invoke(() -> membersReached.record(everyone.size()));
    }

}
