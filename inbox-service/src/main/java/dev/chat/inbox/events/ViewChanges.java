package dev.chat.inbox.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.Topics;
import dev.chat.common.events.ViewChanged;
import dev.chat.support.kafka.KafkaConnectionSettings;
import dev.chat.support.kafka.ProducerWarmUp;
import dev.chat.support.startup.StartupConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
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
import org.jboss.logging.Logger;

/**
 * Tells a user's other devices that they changed their own view of a chat: one {@link ViewChanged}
 * on {@link Topics#VIEWS}, keyed by user so that one user's changes stay in order, which
 * delivery-service hands to every device of the user but the one that made the change.
 *
 * <p>Guarantees and limits: called only after the change is stored, so a device that reads on
 * the hint reads the change. Fire and forget: the request that made the change does not wait for
 * Kafka, and a publish that fails (Kafka down, buffer full) is logged and counted ({@code
 * inbox.view.changes.unpublished}), never retried: the other devices then see the change at their
 * next read, as an offline device does.
 */
@Startup // fetches the topic's partitions at start-up, on the main thread, so a publish never blocks
@ApplicationScoped
public class ViewChanges {

    private static final Logger LOG = Logger.getLogger(ViewChanges.class);

    private final Producer<String, byte[]> producer;
    private final ObjectMapper json;
    private final Counter unpublished;

    public ViewChanges(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, StartupConfig startup, ObjectMapper json,
            MeterRegistry registry) {
        this.json = json;
        this.unpublished = Counter.builder("inbox.view.changes.unpublished")
                .description("View changes whose hint to the user's other devices Kafka did not take").register(registry);
        this.producer = new KafkaProducer<>(producerSettings(bootstrapServers, kafkaConfig), new StringSerializer(),
                new ByteArraySerializer());
        ProducerWarmUp.fetchPartitions(producer, List.of(Topics.VIEWS), startup.dependencyTimeout());
    }

    static Properties producerSettings(String bootstrapServers, Map<String, Object> kafkaConfig) {
        Properties settings = KafkaConnectionSettings.of(bootstrapServers, kafkaConfig);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "inbox-service-view-changes");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        // A hint is sent at once: nothing waits to fill a batch.
        settings.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        // Never hold a request's event loop: with the partitions unknown, give the hint up at once.
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "100");
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "4000");
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "5000");
        return settings;
    }

    /** {@code deviceId} (null: none) is not told; {@code messageId} may be null. */
    public void announce(UUID userId, String deviceId, String what, UUID chatId, UUID messageId) {
        byte[] event;
        try {
            event = json.writeValueAsBytes(new ViewChanged(userId, deviceId, what, chatId, messageId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("events are plain records and always serialise", e);
        }
        try {
            producer.send(new ProducerRecord<>(Topics.VIEWS, userId.toString(), event), (metadata, failure) -> {
                if (failure != null) {
                    failed(failure);
                }
            });
        } catch (RuntimeException e) { // buffer full or partitions unknown for max.block.ms
            failed(e);
        }
    }

    private void failed(Exception e) {
        unpublished.increment();
        LOG.warnf("A view change was stored but not announced to the user's other devices: %s", e.getMessage());
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
