package dev.chat.helm;

import static dev.chat.helm.Manifests.container;
import static dev.chat.helm.Manifests.env;
import static dev.chat.helm.Manifests.envValue;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The values reach each service as the environment variables the README's Configuration table names. */
class ServiceConfigurationTest {

    private static final List<String> CASSANDRA = List.of("QUARKUS_CASSANDRA_CONTACT_POINTS",
            "QUARKUS_CASSANDRA_LOCAL_DATACENTER", "QUARKUS_CASSANDRA_KEYSPACE");
    private static final List<String> KAFKA = List.of("KAFKA_BOOTSTRAP_SERVERS");
    private static final List<String> REDIS = List.of("QUARKUS_REDIS_HOSTS");
    private static final List<String> AUTH = List.of("MP_JWT_VERIFY_ISSUER", "MP_JWT_VERIFY_PUBLICKEY_LOCATION");

    /** Which servers each service uses (README: the services table). */
    private static final Map<String, List<List<String>>> SERVERS = Map.of(
            "gateway", List.of(REDIS, AUTH),
            "message", List.of(CASSANDRA, KAFKA, AUTH),
            "delivery", List.of(KAFKA, REDIS),
            "presence", List.of(REDIS, CASSANDRA, AUTH),
            "inbox", List.of(CASSANDRA, KAFKA, AUTH),
            "contacts", List.of(CASSANDRA, AUTH),
            "web", List.of()); // files only

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.chat.helm.Rendering#everyService")
    void eachServiceIsConfiguredForExactlyTheServersItUses(Rendering rendering, String service) {
        Set<String> env = env(container(rendering.manifests().deployment(service))).keySet();
        List<String> expected = SERVERS.get(service).stream().flatMap(List::stream).toList();
        List<String> unexpected = new ArrayList<>(List.of(CASSANDRA, KAFKA, REDIS, AUTH).stream().flatMap(List::stream).toList());
        unexpected.removeAll(expected);

        assertAll(service,
                () -> assertTrue(env.containsAll(expected), "expected " + expected + " in " + env),
                () -> assertTrue(unexpected.stream().noneMatch(env::contains), "none of " + unexpected + " in " + env));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.chat.helm.Rendering#everyService")
    void serverAddressesComeFromTheValues(Rendering rendering, String service) {
        JsonNode values = rendering.chartValues();
        Map<String, JsonNode> env = env(container(rendering.manifests().deployment(service)));
        Map<String, String> expected = Map.of(
                "QUARKUS_CASSANDRA_CONTACT_POINTS", values.path("cassandra").path("contactPoints").asText(),
                "QUARKUS_CASSANDRA_LOCAL_DATACENTER", values.path("cassandra").path("localDatacenter").asText(),
                "QUARKUS_CASSANDRA_KEYSPACE", values.path("cassandra").path("keyspace").asText(),
                "KAFKA_BOOTSTRAP_SERVERS", values.path("kafka").path("bootstrapServers").asText(),
                "QUARKUS_REDIS_HOSTS", values.path("redis").path("url").asText(),
                "MP_JWT_VERIFY_ISSUER", values.path("auth").path("issuer").asText(),
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION", values.path("auth").path("publicKeyLocation").asText());

        assertAll(expected.entrySet().stream().filter(e -> env.containsKey(e.getKey())).map(e -> () ->
                assertEquals(e.getValue(), env.get(e.getKey()).path("value").asText(), service + " " + e.getKey())));
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void productionVerifiesTokensWithTheIdentityProvidersJwks(Rendering rendering) {
        String location = envValue(container(rendering.manifests().deployment("inbox")), "MP_JWT_VERIFY_PUBLICKEY_LOCATION");

        assertTrue(location.endsWith("/protocol/openid-connect/certs"), location);
        if (rendering == Rendering.PRODUCTION_VALUES) {
            assertTrue(location.startsWith("https://"), location);
        }
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void contactsRegisterAccountsThroughTheIdentityProvider(Rendering rendering) {
        assertEquals("identity-provider", envValue(container(rendering.manifests().deployment("contacts")), "CHAT_ACCOUNTS_REGISTRATION"));
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void gatewayCallsMessageServicesInternalPortOverHttpsThroughItsService(Rendering rendering) {
        URI url = assertUrlNamesService(rendering.manifests(), container(rendering.manifests().deployment("gateway")),
                "QUARKUS_REST_CLIENT_MESSAGE_SERVICE_URL", "message", "internal");

        assertEquals("https", url.getScheme());
        assertEquals(ChartUnderTest.INTERNAL_PORT, url.getPort());
        assertTrue(url.getPath().isEmpty(), url.toString());
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void contactsCallsPresenceServicesPublicApiThroughItsService(Rendering rendering) {
        URI url = assertUrlNamesService(rendering.manifests(), container(rendering.manifests().deployment("contacts")),
                "QUARKUS_REST_CLIENT_PRESENCE_SERVICE_URL", "presence", "http");

        assertEquals("http", url.getScheme());
        assertEquals(ChartUnderTest.PORTS.get("presence"), url.getPort());
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void gatewayAdvertisesItsPodAddressWithItsInternalPortAndNamesItselfAfterThePod(Rendering rendering) {
        JsonNode container = container(rendering.manifests().deployment("gateway"));
        List<String> names = List.copyOf(env(container).keySet());
        JsonNode podIp = env(container).get("POD_IP");

        assertAll(
                () -> assertEquals("status.podIP", podIp.path("valueFrom").path("fieldRef").path("fieldPath").asText()),
                () -> assertEquals("$(POD_IP):" + ChartUnderTest.INTERNAL_PORT, envValue(container, "CHAT_GATEWAY_ADVERTISED_ADDRESS")),
                () -> assertEquals(ChartUnderTest.INTERNAL_PORT, ServiceWorkloadsTest.namedPort(container, "internal"),
                        "the advertised port is the container's internal port"),
                () -> assertTrue(names.indexOf("POD_IP") < names.indexOf("CHAT_GATEWAY_ADVERTISED_ADDRESS"),
                        "POD_IP is defined before the variable that refers to it"),
                () -> assertEquals("metadata.name", env(container).get("CHAT_GATEWAY_INSTANCE_ID")
                        .path("valueFrom").path("fieldRef").path("fieldPath").asText()));
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void gatewayOutlivesItsDrainWindowAfterThePreStopSleep(Rendering rendering) {
        JsonNode deployment = rendering.manifests().deployment("gateway");
        JsonNode container = container(deployment);
        String drainWindow = envValue(container, "CHAT_GATEWAY_DRAIN_WINDOW");
        int drainSeconds = Integer.parseInt(drainWindow.substring(0, drainWindow.length() - 1));
        int preStopSeconds = Integer.parseInt(Manifests.texts(container.path("lifecycle").path("preStop").path("exec").path("command")).get(1));
        int grace = Manifests.podSpec(deployment).path("terminationGracePeriodSeconds").asInt();

        assertTrue(drainWindow.endsWith("s"), drainWindow);
        assertEquals(rendering.chartValues().path("gateway").path("drainWindowSeconds").asInt(), drainSeconds);
        assertTrue(grace > drainSeconds + preStopSeconds,
                "terminationGracePeriodSeconds " + grace + " > preStop " + preStopSeconds + " + drain window " + drainSeconds);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.chat.helm.Rendering#everyService")
    void noServiceIsConfiguredForLocalTokenSigning(Rendering rendering, String service) {
        assertFalse(env(container(rendering.manifests().deployment(service))).containsKey("SMALLRYE_JWT_SIGN_KEY_LOCATION"));
    }

    /** The URL in {@code variable} names {@code target}'s Service and the port of it named {@code portName}. */
    private static URI assertUrlNamesService(Manifests manifests, JsonNode container, String variable, String target, String portName) {
        URI url = URI.create(envValue(container, variable));
        JsonNode service = manifests.named("Service", url.getHost());

        assertEquals(ChartUnderTest.component(target), Manifests.labels(service).get("app.kubernetes.io/component"));
        assertEquals(url.getPort(), ServiceWorkloadsTest.servicePort(service, portName).path("port").asInt(),
                variable + " names the Service's " + portName + " port");
        return url;
    }

    @org.junit.jupiter.api.Test
    void withASentinelMasterNameEveryRedisUserFindsThePrimaryThroughTheSentinelsAndFollowsFailovers() {
        Manifests manifests = ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES, Map.of(
                "redis.url", "redis://sentinel-0:26379,redis://sentinel-1:26379",
                "redis.sentinel.masterName", "mymaster"));
        for (String service : List.of("gateway", "delivery", "presence")) {
            JsonNode container = container(manifests.deployment(service));
            assertAll(service,
                    () -> assertEquals("redis://sentinel-0:26379,redis://sentinel-1:26379", envValue(container, "QUARKUS_REDIS_HOSTS")),
                    () -> assertEquals("sentinel", envValue(container, "QUARKUS_REDIS_CLIENT_TYPE")),
                    () -> assertEquals("mymaster", envValue(container, "QUARKUS_REDIS_MASTER_NAME")),
                    () -> assertEquals("true", envValue(container, "QUARKUS_REDIS_AUTO_FAILOVER")));
        }
        assertFalse(env(container(ChartUnderTest.defaults().deployment("gateway"))).containsKey("QUARKUS_REDIS_CLIENT_TYPE"));
    }
}
