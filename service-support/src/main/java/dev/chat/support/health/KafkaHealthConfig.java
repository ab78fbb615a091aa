package dev.chat.support.health;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The Kafka readiness check ({@code chat.health.kafka.*}; {@link KafkaReadinessCheck}). */
@ConfigMapping(prefix = "chat.health.kafka")
public interface KafkaHealthConfig {

    /** Whether the check exists: read at build time, set by the services that use Kafka. */
    @WithDefault("false")
    boolean enabled();

    /** The topics that must exist for the service to be ready. */
    Optional<List<String>> topics();
}
