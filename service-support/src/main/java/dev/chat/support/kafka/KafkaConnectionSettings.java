package dev.chat.support.kafka;

import java.util.Map;
import java.util.Properties;

/**
 * The settings every Kafka client a service creates itself shares with the clients Quarkus
 * creates: the bootstrap servers and the security settings ({@code security.*}, {@code sasl.*},
 * {@code ssl.*}) among the service's {@code kafka.*} properties. Nothing else of them is passed on,
 * so that settings meant for consumers (a group id) or for Reactive Messaging never reach a
 * client they do not belong to.
 */
public final class KafkaConnectionSettings {

    private KafkaConnectionSettings() {
    }

    /** {@code kafkaConfig} is the service's {@code kafka.*} properties without the prefix ("default-kafka-broker"). */
    public static Properties of(String bootstrapServers, Map<String, Object> kafkaConfig) {
        Properties settings = new Properties();
        kafkaConfig.forEach((key, value) -> {
            if (key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                settings.put(key, String.valueOf(value));
            }
        });
        settings.put("bootstrap.servers", bootstrapServers);
        return settings;
    }
}
