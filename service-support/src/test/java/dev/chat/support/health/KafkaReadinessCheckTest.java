package dev.chat.support.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaReadinessCheckTest {

    @Test
    void theAdminClientConnectsWithTheServicesSecuritySettingsAndNothingElseOfThem() {
        Properties config = KafkaReadinessCheck.adminConfig("broker:9093", Map.of(
                "bootstrap.servers", "ignored:1",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "jaas",
                "ssl.truststore.location", "/etc/kafka/truststore.p12",
                "group.id", "delivery-service",
                "acks", "all"));
        assertEquals("broker:9093", config.get("bootstrap.servers"));
        assertEquals("SASL_SSL", config.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", config.get("sasl.mechanism"));
        assertEquals("jaas", config.get("sasl.jaas.config"));
        assertEquals("/etc/kafka/truststore.p12", config.get("ssl.truststore.location"));
        assertEquals(2000, config.get("request.timeout.ms"));
        assertFalse(config.containsKey("group.id"));
        assertFalse(config.containsKey("acks"));
    }
}
