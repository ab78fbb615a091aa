package dev.chat.message.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.BlocksChanged;
import dev.chat.common.events.DeviceRegistered;
import dev.chat.common.events.Topics;
import dev.chat.message.domain.Blocks;
import dev.chat.message.storage.DeviceDirectory;
import dev.chat.message.storage.UserDirectory;
import dev.chat.support.kafka.KafkaConnectionSettings;
import io.quarkus.runtime.Startup;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
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
 * Reads every announcement that makes a cache of this instance stale, as it is written:
 * <ul>
 * <li>a device announcement ({@code chat.devices}): drops the announced user's cached device list
 * ({@link DeviceDirectory#forget}) and reads it again at once, in the background, together with
 * the user's account ({@link UserDirectory}): a device that connects is likely to be sent to soon,
 * and its user's next message then finds both, and the user's block list ({@link Blocks#warm}), in
 * the caches instead of waiting for reads (the first minute of a fresh stack is mostly such first
 * messages);
 * <li>a block list change ({@code chat.blocks}): drops the user's cached list ({@link Blocks#forget}).
 * </ul>
 *
 * <p>Each instance reads every partition itself, from the end at start-up (an instance that has
 * just started has nothing cached), without a consumer group and without committing: an
 * announcement matters only to the caches alive when it is written. On its own thread, which
 * waits in {@code poll}; a failure to reach Kafka is retried by the consumer, and meanwhile lists
 * are re-read after {@code chat.devices.cache-refresh}.
 */
@Startup
@ApplicationScoped
public class CacheAnnouncements {

    private static final Logger LOG = Logger.getLogger(CacheAnnouncements.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final DeviceDirectory devices;
    private final UserDirectory users;
    private final Blocks blocks;
    private final ObjectMapper json;
    private final Thread reader;
    private volatile boolean running = true;

    public CacheAnnouncements(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, DeviceDirectory devices,
            UserDirectory users, Blocks blocks, ObjectMapper json) {
        this.devices = devices;
        this.users = users;
        this.blocks = blocks;
        this.json = json;
        Properties settings = KafkaConnectionSettings.of(bootstrapServers, kafkaConfig);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "message-service-cache-announcements");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        this.reader = new Thread(this::read, "cache-announcements");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            assignAll();
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    if (Topics.BLOCKS.equals(record.topic())) {
                        blocksChanged(record);
                    } else {
                        deviceRegistered(record);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer up
        } catch (RuntimeException e) {
            LOG.errorf(e, "Reading announcements stopped; device and block lists are re-read after their cache refresh only");
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private void assignAll() {
        while (running) {
            try {
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : List.of(Topics.DEVICES, Topics.BLOCKS)) {
                    consumer.partitionsFor(topic, Duration.ofSeconds(5))
                            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
                if (partitions.stream().map(TopicPartition::topic).distinct().count() == 2) {
                    consumer.assign(partitions);
                    consumer.seekToEnd(partitions);
                    partitions.forEach(consumer::position); // fixes the start now, before any announcement is missed
                    return;
                }
                Thread.sleep(1_000);
            } catch (org.apache.kafka.common.errors.TimeoutException notYet) {
                LOG.debugf("The partitions of %s and %s are not known yet; asking again", Topics.DEVICES, Topics.BLOCKS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void blocksChanged(ConsumerRecord<String, byte[]> record) {
        try {
            blocks.forget(json.readValue(record.value(), BlocksChanged.class).userId());
        } catch (IOException | RuntimeException e) {
            LOG.warnf("A block list announcement could not be read (offset %d): %s", record.offset(), e.getMessage());
        }
    }

    private void deviceRegistered(ConsumerRecord<String, byte[]> record) {
        try {
            UUID userId = json.readValue(record.value(), DeviceRegistered.class).userId();
            devices.forget(userId);
            // Read again now, off any message's path; a failed read is simply made again by the next message.
            devices.devicesOf(userId).subscribe().with(list -> { }, failure -> LOG.debugf("device list read: %s", failure));
            users.isRegistered(userId).subscribe().with(found -> { }, failure -> LOG.debugf("account read: %s", failure));
            blocks.warm(userId);
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
