package dev.chat.helm;

import static dev.chat.helm.Manifests.container;
import static dev.chat.helm.Manifests.env;
import static dev.chat.helm.Manifests.envValue;
import static dev.chat.helm.Manifests.podSpec;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Credentials come from Secrets by reference; the chart never holds one itself. */
class CredentialsTest {

    private static final Manifests PRODUCTION = ChartUnderTest.production();

    @Test
    void cassandraCredentialsComeFromTheirSecret() {
        assertAll(List.of("message", "inbox", "contacts").stream().map(service -> () -> {
            JsonNode container = container(PRODUCTION.deployment(service));
            assertSecretRef(container, "QUARKUS_CASSANDRA_AUTH_USERNAME", "chat-cassandra", "username");
            assertSecretRef(container, "QUARKUS_CASSANDRA_AUTH_PASSWORD", "chat-cassandra", "password");
        }));
    }

    @Test
    void theObjectStoresKeysComeFromTheirSecretForMessageServiceAlone() {
        JsonNode container = container(PRODUCTION.deployment("message"));
        assertSecretRef(container, "CHAT_MEDIA_S3_ACCESS_KEY_ID", "chat-media-s3", "access-key-id");
        assertSecretRef(container, "CHAT_MEDIA_S3_SECRET_ACCESS_KEY", "chat-media-s3", "secret-access-key");
        assertEquals("https://s3.example.com", envValue(container, "CHAT_MEDIA_S3_ENDPOINT"));
        assertAll(List.of("gateway", "delivery", "presence", "inbox", "contacts").stream().map(service -> () ->
                assertTrue(env(container(PRODUCTION.deployment(service))).keySet().stream().noneMatch(v -> v.startsWith("CHAT_MEDIA")),
                        service + " gets no object store settings")));
    }

    @Test
    void schemaJobTakesTheSameCassandraCredentialsFromTheSecret() {
        JsonNode container = container(ChartUnderTest.productionHooks().ofKind("Job").get(0));

        assertSecretRef(container, "CASSANDRA_USERNAME", "chat-cassandra", "username");
        assertSecretRef(container, "CASSANDRA_PASSWORD", "chat-cassandra", "password");
    }

    @Test
    void redisPasswordComesFromItsSecret() {
        assertAll(List.of("gateway", "delivery", "presence").stream().map(service -> () ->
                assertSecretRef(container(PRODUCTION.deployment(service)), "QUARKUS_REDIS_PASSWORD", "chat-redis", "password")));
    }

    @Test
    void kafkaSaslOverTlsTakesItsCredentialsFromTheSecretIntoTheJaasConfig() {
        assertAll(List.of("message", "delivery", "inbox").stream().map(service -> () -> {
            JsonNode container = container(PRODUCTION.deployment(service));
            List<String> names = List.copyOf(env(container).keySet());
            String jaas = envValue(container, "KAFKA_SASL_JAAS_CONFIG");

            assertSecretRef(container, "CHAT_KAFKA_SASL_USERNAME", "chat-kafka", "username");
            assertSecretRef(container, "CHAT_KAFKA_SASL_PASSWORD", "chat-kafka", "password");
            assertEquals("SASL_SSL", envValue(container, "KAFKA_SECURITY_PROTOCOL"));
            assertEquals("SCRAM-SHA-512", envValue(container, "KAFKA_SASL_MECHANISM"));
            assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required"
                    + " username=\"$(CHAT_KAFKA_SASL_USERNAME)\" password=\"$(CHAT_KAFKA_SASL_PASSWORD)\";", jaas);
            assertTrue(names.indexOf("CHAT_KAFKA_SASL_PASSWORD") < names.indexOf("KAFKA_SASL_JAAS_CONFIG"),
                    "the credentials are defined before the JAAS config that refers to them");
        }));
    }

    @Test
    void kafkaClientsTrustTheBrokersCaFromItsSecret() {
        assertAll(List.of("message", "delivery", "inbox").stream().map(service -> () -> {
            JsonNode deployment = PRODUCTION.deployment(service);
            JsonNode container = container(deployment);
            String location = envValue(container, "KAFKA_SSL_TRUSTSTORE_LOCATION");
            JsonNode mount = find(container.path("volumeMounts"), "name", "kafka-ca");
            JsonNode volume = find(podSpec(deployment).path("volumes"), "name", "kafka-ca");

            assertEquals("PEM", envValue(container, "KAFKA_SSL_TRUSTSTORE_TYPE"));
            assertTrue(location.startsWith(mount.path("mountPath").asText() + "/"), location);
            assertTrue(mount.path("readOnly").asBoolean());
            assertEquals("kafka-cluster-ca", volume.path("secret").path("secretName").asText());
        }));
    }

    @Test
    void defaultValuesUseNoCredentialsAndPlaintextKafka() {
        assertAll(ChartUnderTest.SERVICES.stream().map(service -> () -> {
            Map<String, JsonNode> env = env(container(ChartUnderTest.defaults().deployment(service)));
            assertTrue(env.values().stream().noneMatch(entry -> entry.path("valueFrom").has("secretKeyRef")), service + ": " + env.keySet());
            assertFalse(env.containsKey("KAFKA_SECURITY_PROTOCOL"), service);
        }));
    }

    @Test
    void noLiteralValueLooksLikeACredential() {
        for (Manifests manifests : List.of(PRODUCTION, ChartUnderTest.productionHooks())) {
            for (JsonNode document : manifests.documents()) {
                for (JsonNode container : podContainers(document)) {
                    env(container).forEach((name, entry) -> {
                        if (name.contains("PASSWORD") || name.contains("USERNAME")) {
                            assertTrue(entry.path("valueFrom").has("secretKeyRef"), name + " in " + container.path("name").asText());
                        }
                    });
                }
            }
        }
    }

    @Test
    void aPemPublicKeyComesFromASecretInsteadOfALocation() {
        Manifests manifests = ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES, Map.of(
                "auth.publicKeyLocation", "", "auth.publicKey.existingSecret", "idp-public-key"));

        assertAll(List.of("gateway", "message", "presence", "inbox", "contacts").stream().map(service -> () -> {
            JsonNode container = container(manifests.deployment(service));
            assertSecretRef(container, "MP_JWT_VERIFY_PUBLICKEY", "idp-public-key", "public.pem");
            assertFalse(env(container).containsKey("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), service);
        }));
    }

    static void assertSecretRef(JsonNode container, String variable, String secret, String key) {
        JsonNode entry = env(container).get(variable);
        assertTrue(entry != null, variable + " is not set in " + container.path("name").asText());
        JsonNode ref = entry.path("valueFrom").path("secretKeyRef");
        assertEquals(secret, ref.path("name").asText(), variable + " Secret");
        assertEquals(key, ref.path("key").asText(), variable + " key");
        assertFalse(entry.has("value"), variable + " has no literal value");
    }

    static JsonNode find(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(n -> value.equals(n.path(field).asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no " + field + "=" + value + " in " + array));
    }

    static List<JsonNode> podContainers(JsonNode document) {
        JsonNode spec = "Pod".equals(document.path("kind").asText()) ? document.path("spec") : podSpec(document);
        return StreamSupport.stream(spec.path("containers").spliterator(), false).toList();
    }
}
