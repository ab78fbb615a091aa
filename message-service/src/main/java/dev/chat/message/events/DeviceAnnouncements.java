package dev.chat.message.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.DeviceRegistered;
import dev.chat.common.events.Topics;
import dev.chat.message.storage.DeviceDirectory;
import dev.chat.support.kafka.KafkaConnectionSettings;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads every device announcement ({@code chat.devices}) as it is written and drops the
 * announced user's cached device list ({@link DeviceDirectory#forget}).
 *
 * <p>Each instance reads every partition itself, from the end at start-up (an instance that has
 * just started has nothing cached), without a consumer group and without committing: an
 * announcement matters only to the caches alive when it is written. On its own thread, which
 * waits in {@code poll}; a failure to reach Kafka is retried by the consumer, and meanwhile lists
 * are re-read after {@code chat.devices.cache-refresh}.
 */
@Startup
@ApplicationScoped
public class DeviceAnnouncements {

    private static final Logger LOG = Logger.getLogger(DeviceAnnouncements.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final DeviceDirectory devices;
    private final ObjectMapper json;
    private final Thread reader;
    private volatile boolean running = true;

    public DeviceAnnouncements(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, DeviceDirectory devices,
            ObjectMapper json) {
        this.devices = devices;
        this.json = json;
        Properties settings = KafkaConnectionSettings.of(bootstrapServers, kafkaConfig);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "message-service-device-announcements");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::read, "device-announcements");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            assignAll();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    forget(record);
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up
        } catch (RuntimeException e) {
            LOG.errorf(e, "Reading device announcements stopped; device lists are re-read after the cache refresh only");
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private void assignAll() {
        while (running) {
            try {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.DEVICES, Duration.ofSeconds(5)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (!partitions.isEmpty()) {
                    consumer.assign(partitions);
                    consumer.seekToEnd(partitions);
                    partitions.forEach(consumer::position); // fixes the start now, before any announcement is missed
                    return;
                }
                Thread.sleep(1_000);
            } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
                LOG.debugf("The partitions of %s are not known yet; asking again", Topics.DEVICES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void forget(ConsumerRecord<String, byte[]> record) {
        try {
            devices.forget(json.readValue(record.value(), DeviceRegistered.class).userId());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("A device announcement could not be read (offset %d): %s", record.offset(), e.getMessage());
        }
    }

    @PreDestroy
    void close() {
        running = false;
        consumer.wakeup();
    }
}
