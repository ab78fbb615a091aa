package dev.chat.message.support;

import dev.chat.common.events.Topics;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Does what another message-service instance does when a device connects or a user's blocks change there: announces it. */
public final class Announcer {

    private Announcer() {
    }

    /** As on chat.devices: {@code device} of {@code user} was recorded. */
    public static void device(String bootstrapServers, UUID user, String device) {
        publish(bootstrapServers, Topics.DEVICES, user, "{\"userId\":\"" + user + "\",\"deviceId\":\"" + device + "\"}");
    }

    /** As on chat.blocks: {@code user} blocked or unblocked someone. */
    public static void blocksChanged(String bootstrapServers, UUID user) {
        publish(bootstrapServers, Topics.BLOCKS, user, "{\"userId\":\"" + user + "\"}");
    }

    private static void publish(String bootstrapServers, String topic, UUID user, String event) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, user.toString(), event)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not announce on " + topic + " for " + user, e);
        }
    }
}
