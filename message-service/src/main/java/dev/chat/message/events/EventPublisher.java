package dev.chat.message.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.BlocksChanged;
import dev.chat.common.events.DeviceRegistered;
import dev.chat.common.events.MessageStored;
import dev.chat.common.events.ReceiptEvent;
import dev.chat.common.events.Topics;
import dev.chat.common.events.TypingEvent;
import dev.chat.message.config.MessageServiceConfig;
import dev.chat.message.domain.GroupMessage;
import dev.chat.message.domain.StoredAction;
import dev.chat.message.domain.StoredMessage;
import dev.chat.support.kafka.KafkaConnectionSettings;
import dev.chat.support.kafka.ProducerWarmUp;
import dev.chat.support.startup.StartupConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes message, receipt and typing events, each keyed by chat id so that one chat's events
 * stay in one partition, in order; and device announcements, keyed by user.
 *
 * <p>Guarantee: a returned Uni completes only when Kafka has acknowledged the record
 * ({@code acks=all}, idempotent producer); it fails when Kafka refuses it or has not acknowledged
 * it within {@code chat.events.delivery-timeout}. The Uni completes on the Vert.x context it was
 * created on, never on the producer's network thread.
 *
 * <p>Why a producer of its own rather than Reactive Messaging emitters: an emitter hands every
 * record to a sending thread, and each channel has a producer and network thread of its own. One
 * producer called from the request's thread saves a thread hand-off per event, and one produce
 * request carries the records of all three topics (docs/benchmarks.md measured both).
 *
 * <p>Never blocks the caller for long: the topics' partitions are fetched at start-up, so a send
 * only appends to the producer's buffer; should that buffer be full or a topic's partitions still
 * unknown (Kafka down since start-up), {@code send} gives up after {@code max.block.ms} (100 ms)
 * and the Uni fails.
 */
@Startup // fetches the topics' partitions at start-up, on the main thread
@ApplicationScoped
public class EventPublisher {

    /** The topics this service writes to (inbox-service writes {@link Topics#VIEWS}). */
    private static final List<String> PUBLISHED = List.of(Topics.MESSAGES, Topics.RECEIPTS, Topics.TYPING, Topics.DEVICES,
            Topics.BLOCKS);

    private final Producer<String, byte[]> producer;
    private final KafkaClientMetrics metrics;
    private final ObjectMapper json;

    public EventPublisher(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MessageServiceConfig config, StartupConfig startup, ObjectMapper json, MeterRegistry registry) {
        Duration deliveryTimeout = config.events().deliveryTimeout();
        Duration linger = config.events().linger();
        Duration startupTimeout = startup.dependencyTimeout();
        this.json = json;
        this.producer = new KafkaProducer<>(producerSettings(bootstrapServers, kafkaConfig, deliveryTimeout, linger),
                new StringSerializer(), new ByteArraySerializer());
        this.metrics = new KafkaClientMetrics(producer);
        metrics.bindTo(registry);
        ProducerWarmUp.fetchPartitions(producer, PUBLISHED, startupTimeout);
    }

    static Properties producerSettings(String bootstrapServers, Map<String, Object> kafkaConfig, Duration deliveryTimeout,
            Duration linger) {
        Properties settings = KafkaConnectionSettings.of(bootstrapServers, kafkaConfig);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "message-service-events");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // No wait for more records: while a produce request is in flight the next records gather
        // anyway, so load still batches, and a lone event leaves at once (the client's default,
        // 5 ms, added those 5 ms to every message at low load; docs/benchmarks.md).
        settings.put(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(linger.toMillis()));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "100");
        long delivery = Math.max(deliveryTimeout.toMillis(), 2_000);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(Math.min(delivery - 5, 30_000)));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(delivery));
        return settings;
    }

    public Uni<Void> messageStored(StoredMessage m) {
        return publish(Topics.MESSAGES, m.chatId(), new MessageStored(m.chatId(), m.messageId(), m.senderId(),
                List.of(m.recipientId()), null, m.clientMessageId(), m.body(), m.sentAt().toEpochMilli(), false, null,
                null, null, null, m.replyTo(), m.attachment()));
    }

    /** A group message for {@code recipients}: the members (the sender included, for its other devices). */
    public Uni<Void> groupMessageStored(GroupMessage m, List<UUID> recipients) {
        return publish(Topics.MESSAGES, m.groupId(), new MessageStored(m.groupId(), m.messageId(), m.senderId(),
                List.copyOf(recipients), m.senderDeviceId(), m.clientMessageId(), m.body(), m.sentAt().toEpochMilli(),
                true, m.system() == null ? null : m.system().wire(), m.subjectId(), null, null, m.replyTo(), m.attachment()));
    }

    /**
     * An action on a message for {@code recipients}: the other user of a one-to-one chat, or every
     * member of a group (the actor included, for its other devices).
     */
    public Uni<Void> actionStored(StoredAction a, List<UUID> recipients, boolean group) {
        return publish(Topics.MESSAGES, a.chatId(), new MessageStored(a.chatId(), a.actionId(), a.actorId(),
                List.copyOf(recipients), group ? a.actorDeviceId() : null, a.clientMessageId(), a.body(),
                a.takenAt().toEpochMilli(), group, null, null, a.action().wire(), a.target(), null, null));
    }

    public Uni<Void> receipt(ReceiptEvent event) {
        return publish(Topics.RECEIPTS, event.chatId(), event);
    }

    public Uni<Void> typing(TypingEvent event) {
        return publish(Topics.TYPING, event.chatId(), event);
    }

    /** Tells every instance that the user has a new device (CacheAnnouncements). */
    public Uni<Void> deviceRegistered(DeviceRegistered event) {
        return publish(Topics.DEVICES, event.userId(), event);
    }

    /** Tells every instance that the user's block list changed (CacheAnnouncements). */
    public Uni<Void> blocksChanged(BlocksChanged event) {
        return publish(Topics.BLOCKS, event.userId(), event);
    }

    private Uni<Void> publish(String topic, UUID key, Object event) {
        return Uni.createFrom().emitter(done -> {
            Context caller = Vertx.currentContext();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key.toString(), serialise(event));
            try {
                producer.send(record, (metadata, failure) -> {
                    Runnable complete = failure == null ? () -> done.complete(null) : () -> done.fail(failure);
                    if (caller == null) {
                        complete.run();
                    } else {
                        caller.runOnContext(ignored -> complete.run());
                    }
                });
            } catch (RuntimeException e) { // buffer full or partitions unknown for max.block.ms
                done.fail(e);
            }
        });
    }

    private byte[] serialise(Object event) {
        try {
            return json.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("events are plain records and always serialise", e);
        }
    }

    @PreDestroy
    void close() {
        // Records already sent get their acknowledgement before the service stops.
        producer.close(Duration.ofSeconds(5));
        metrics.close();
    }
}
