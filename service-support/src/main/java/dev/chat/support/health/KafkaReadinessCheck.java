package dev.chat.support.health;

import dev.chat.support.kafka.KafkaConnectionSettings;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the Kafka a service produces to or consumes from: UP when the broker answers
 * within two seconds and every topic in {@code chat.health.kafka.topics} exists.
 *
 * <p>Quarkus' own Kafka check waits up to the admin client's one-minute default when the broker
 * is gone, far longer than a readiness probe may take; this one is bounded. Enabled at build time
 * by {@code chat.health.kafka.enabled=true} in the services that use Kafka. It connects the way
 * the service's own Kafka clients do: the security settings among the {@code kafka.*} properties
 * (SASL, TLS) are passed on to its admin client.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "chat.health.kafka.enabled", stringValue = "true")
public class KafkaReadinessCheck implements HealthCheck {

    static final String NAME = "Kafka";
    private static final int TIMEOUT_MILLIS = 2000;

    private final String bootstrapServers;
    private final List<String> topics;
    private final Map<String, Object> kafkaConfig;
    private volatile Admin admin;

    public KafkaReadinessCheck(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            KafkaHealthConfig settings,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.bootstrapServers = bootstrapServers;
        this.topics = settings.topics().orElse(List.of());
        this.kafkaConfig = kafkaConfig;
    }

    /** The admin client's settings: bounded timeouts, plus the security settings of {@code kafka.*}. */
    static Properties adminConfig(String bootstrapServers, Map<String, Object> kafkaConfig) {
        Properties config = KafkaConnectionSettings.of(bootstrapServers, kafkaConfig);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MILLIS);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "readiness-check");
        return config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).withData("bootstrap.servers", bootstrapServers);
        try {
            Map<String, TopicDescription> found = admin().describeTopics(topics).allTopicNames()
                    .get(TIMEOUT_MILLIS + 500L, TimeUnit.MILLISECONDS);
            found.forEach((topic, description) -> response.withData(topic, description.partitions().size() + " partitions"));
            return response.up().build();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return response.down().withData("reason", cause.getClass().getSimpleName() + ": " + cause.getMessage()).build();
        }
    }

    private Admin admin() {
        Admin current = admin;
        if (current == null) {
            synchronized (this) {
                if (admin == null) {
                    admin = Admin.create(adminConfig(bootstrapServers, kafkaConfig));
                }
                current = admin;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(1));
        }
    }
}
