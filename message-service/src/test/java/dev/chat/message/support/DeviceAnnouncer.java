package dev.chat.message.support;

import dev.chat.common.events.Topics;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Does what another message-service instance does when a device connects there: announces it on chat.devices. */
public final class DeviceAnnouncer {

    private DeviceAnnouncer() {
    }

    public static void announce(String bootstrapServers, UUID user, String device) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.DEVICES, user.toString(),
                    "{\"userId\":\"" + user + "\",\"deviceId\":\"" + device + "\"}")).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not announce " + device + " of " + user, e);
        }
    }
}
