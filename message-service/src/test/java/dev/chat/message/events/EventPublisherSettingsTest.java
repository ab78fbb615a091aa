package dev.chat.message.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class EventPublisherSettingsTest {

    @Test
    void eventsWaitForEveryInSyncReplicaAndAreWrittenOnceWithTheServicesSecuritySettings() {
        Properties settings = EventPublisher.producerSettings("broker:9093",
                Map.of("security.protocol", "SASL_SSL", "group.id", "not-for-producers"), Duration.ofSeconds(15), Duration.ofMillis(5));

        assertEquals("broker:9093", settings.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("all", settings.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("true", settings.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("SASL_SSL", settings.get("security.protocol"));
        assertFalse(settings.containsKey("group.id"));
    }

    @Test
    void aSendNeverBlocksTheCallerLongAndFailsWithinTheDeliveryTimeout() {
        Properties settings = EventPublisher.producerSettings("broker:9093", Map.of(), Duration.ofSeconds(15), Duration.ofMillis(5));

        assertEquals("100", settings.get(ProducerConfig.MAX_BLOCK_MS_CONFIG));
        assertEquals("15000", settings.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG));
        long request = Long.parseLong((String) settings.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG));
        long linger = Long.parseLong((String) settings.get(ProducerConfig.LINGER_MS_CONFIG));
        // The client refuses a delivery timeout shorter than linger plus request timeout.
        assertTrue(request + linger <= 15000, "request " + request + " + linger " + linger);
    }
}
