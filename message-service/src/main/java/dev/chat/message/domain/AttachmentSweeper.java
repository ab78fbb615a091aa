package dev.chat.message.domain;

import dev.chat.message.config.MessageServiceConfig;
import dev.chat.message.storage.AttachmentStore;
import dev.chat.message.storage.ObjectStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Removes uploads no message carried: every {@code chat.media.sweep-interval}, the hours of the
 * unreferenced queue that are older than {@code chat.media.unreferenced-ttl} (looking back
 * {@link #LOOK_BACK} further, so an instance that was down for a while catches up) are read, and
 * each attachment still carried by no message has its object and its row deleted. One that a
 * message carries is only taken off the queue. Every instance sweeps; the deletes are idempotent,
 * so two sweeping at once do nothing twice that matters. Counted in
 * {@code message.attachments.swept}.
 */
@ApplicationScoped
public class AttachmentSweeper {

    /** How far beyond the TTL a sweep looks for hours not swept yet. */
    static final Duration LOOK_BACK = Duration.ofHours(72);
    private static final Logger LOG = Logger.getLogger(AttachmentSweeper.class);

    private final AttachmentStore store;
    private final ObjectStore objects;
    private final Duration ttl;
    private final Duration interval;
    private final Counter swept;
    private long timer = -1;

    public AttachmentSweeper(AttachmentStore store, ObjectStore objects, MessageServiceConfig config, MeterRegistry registry) {
        this.store = store;
        this.objects = objects;
        this.ttl = config.media().unreferencedTtl();
        this.interval = config.media().sweepInterval();
        this.swept = Counter.builder("message.attachments.swept")
                .description("Uploads no message carried, deleted from the object store").register(registry);
    }

    void start(@Observes StartupEvent started, Vertx vertx) {
        timer = vertx.setPeriodic(interval.toMillis(), tick -> sweep(Instant.now()).subscribe().with(
                count -> LOG.debugf("Swept %d unreferenced uploads", count),
                failure -> LOG.warnf("Sweeping unreferenced uploads failed, tried again in %s: %s", interval, failure.toString())));
    }

    void stop(@Observes ShutdownEvent stopping, Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** One sweep as of {@code now}; completes with the number of uploads deleted. */
    public Uni<Integer> sweep(Instant now) {
        int last = AttachmentStore.hourOf(now.minus(ttl)) - 1; // whole hours older than the TTL
        int first = last - (int) LOOK_BACK.toHours();
        return Multi.createFrom().range(first, last + 1)
                .onItem().transformToUniAndConcatenate(store::queuedIn)
                .onItem().transformToIterable(ids -> ids)
                .onItem().transformToUni(this::sweepOne).merge(8)
                .collect().with(java.util.stream.Collectors.summingInt(deleted -> deleted ? 1 : 0));
    }

    private Uni<Boolean> sweepOne(UUID attachmentId) {
        return store.find(attachmentId).chain(found -> {
            if (found.isPresent() && found.get().chatId() != null) {
                return store.unqueue(attachmentId).replaceWith(false);
            }
            return objects.delete(attachmentId.toString()).chain(() -> store.delete(attachmentId))
                    .invoke(() -> swept.increment()).replaceWith(true);
        });
    }
}
