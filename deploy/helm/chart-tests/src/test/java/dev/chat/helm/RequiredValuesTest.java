package dev.chat.helm;

import static dev.chat.helm.Manifests.container;
import static dev.chat.helm.Manifests.envValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A missing or contradictory value fails the rendering with a message naming it. */
class RequiredValuesTest {

    @Test
    void renderingWithoutCassandraContactPointsFailsNamingTheValue() {
        assertFailsNaming(Map.of("cassandra.contactPoints", ""), "cassandra.contactPoints is required");
    }

    @Test
    void renderingWithoutKafkaBootstrapServersFailsNamingTheValue() {
        assertFailsNaming(Map.of("kafka.bootstrapServers", ""), "kafka.bootstrapServers is required");
    }

    @Test
    void renderingWithoutRedisUrlFailsNamingTheValue() {
        assertFailsNaming(Map.of("redis.url", ""), "redis.url is required");
    }

    @Test
    void renderingWithoutAKeyToVerifyTokensFailsNamingBothWaysToGiveOne() {
        IllegalStateException failure = assertFailsNaming(Map.of("auth.publicKeyLocation", ""), "auth.publicKeyLocation");

        assertTrue(failure.getMessage().contains("auth.publicKey.existingSecret"), failure.getMessage());
    }

    @Test
    void renderingWithBothAKeyLocationAndAKeySecretFails() {
        assertFailsNaming(Map.of("auth.publicKey.existingSecret", "idp-public-key"), "set only one of auth.publicKeyLocation");
    }

    @Test
    void aGatewayGracePeriodNoLongerThanItsDrainWindowFails() {
        assertFailsNaming(Map.of("gateway.drainWindowSeconds", "60", "gateway.terminationGracePeriodSeconds", "60"),
                "gateway.terminationGracePeriodSeconds (60) must be longer than");
    }

    @Test
    void kafkaSaslWithoutASecretFailsNamingTheValue() {
        assertFailsNaming(Map.of("kafka.sasl.mechanism", "PLAIN"), "kafka.sasl.existingSecret is required");
    }

    @Test
    void anUnsupportedKafkaSaslMechanismFails() {
        assertFailsNaming(Map.of("kafka.sasl.mechanism", "GSSAPI", "kafka.sasl.existingSecret", "kafka-user"),
                "kafka.sasl.mechanism \"GSSAPI\" is not supported");
    }

    @Test
    void ingressTlsWithoutACertificateSecretFails() {
        assertFailsNaming(Map.of("ingress.host", "chat.example.com", "ingress.tls.enabled", "true"),
                "ingress.tls.secretName is required");
    }

    @Test
    void localRegistrationWithoutASigningKeyFails() {
        assertFailsNaming(Map.of("contacts.registration", "local"), "contacts.localSigningKey.existingSecret is required");
    }

    @Test
    void localRegistrationSignsWithTheKeyMountedFromItsSecret() {
        Manifests manifests = ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES,
                Map.of("contacts.registration", "local", "contacts.localSigningKey.existingSecret", "local-signing-key"));
        JsonNode deployment = manifests.deployment("contacts");
        JsonNode container = container(deployment);

        assertEquals("local", envValue(container, "CHAT_ACCOUNTS_REGISTRATION"));
        assertEquals("/etc/chat/signing-key/private.pem", envValue(container, "SMALLRYE_JWT_SIGN_KEY_LOCATION"));
        assertEquals("local-signing-key", CredentialsTest.find(Manifests.podSpec(deployment).path("volumes"), "name", "signing-key")
                .path("secret").path("secretName").asText());
    }

    @Test
    void networkPoliciesWithoutTheIngressControllersNamespaceFail() {
        assertFailsNaming(Map.of("networkPolicy.enabled", "true", "networkPolicy.ingressControllerNamespaceSelector", "null"),
                "networkPolicy.ingressControllerNamespaceSelector is required");
    }

    @Test
    void anUnknownRegistrationModeFails() {
        assertFailsNaming(Map.of("contacts.registration", "open"), "contacts.registration \"open\" is not valid");
    }

    private static IllegalStateException assertFailsNaming(Map<String, String> sets, String expected) {
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES, sets));
        assertTrue(failure.getMessage().contains(expected), () -> "expected \"" + expected + "\" in: " + failure.getMessage());
        return failure;
    }
}
