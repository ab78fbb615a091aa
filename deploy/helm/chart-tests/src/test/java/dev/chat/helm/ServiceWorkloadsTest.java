package dev.chat.helm;

import static dev.chat.helm.ChartUnderTest.INTERNAL_PORT;
import static dev.chat.helm.ChartUnderTest.INTERNAL_SERVERS;
import static dev.chat.helm.ChartUnderTest.MANAGEMENT_PORT;
import static dev.chat.helm.ChartUnderTest.PORTS;
import static dev.chat.helm.ChartUnderTest.SERVICES;
import static dev.chat.helm.Manifests.container;
import static dev.chat.helm.Manifests.envValue;
import static dev.chat.helm.Manifests.podSpec;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The Deployment, Service and ServiceAccount every service gets. */
class ServiceWorkloadsTest {

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void everyServiceHasItsOwnDeploymentServiceAndServiceAccount(Rendering rendering) {
        Manifests manifests = rendering.manifests();

        assertAll(SERVICES.stream().map(service -> () -> {
            manifests.deployment(service);
            manifests.ofService("Service", service);
            manifests.ofService("ServiceAccount", service);
        }));
        assertEquals(SERVICES.size(), manifests.ofKind("Deployment").size(), "Deployments: " + manifests.names("Deployment"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.chat.helm.Rendering#everyService")
    void podsRunHardenedUnderTheirOwnServiceAccountWithoutItsToken(Rendering rendering, String service) {
        Manifests manifests = rendering.manifests();
        JsonNode deployment = manifests.deployment(service);
        JsonNode serviceAccount = manifests.ofService("ServiceAccount", service);

        Hardening.assertHardened(service, podSpec(deployment), container(deployment));
        assertEquals(serviceAccount.path("metadata").path("name").asText(), podSpec(deployment).path("serviceAccountName").asText());
        assertFalse(serviceAccount.path("automountServiceAccountToken").asBoolean(true), "the ServiceAccount mounts no token");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.chat.helm.Rendering#everyService")
    void probesAskTheStartedLiveAndReadyHealthChecksOnTheManagementPort(Rendering rendering, String service) {
        JsonNode container = container(rendering.manifests().deployment(service));

        assertAll(service,
                () -> assertProbe(container, "startupProbe", "/q/health/started"),
                () -> assertProbe(container, "livenessProbe", "/q/health/live"),
                () -> assertProbe(container, "readinessProbe", "/q/health/ready"),
                () -> assertEquals(MANAGEMENT_PORT, namedPort(container, "management"), "the container's management port"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.chat.helm.Rendering#everyService")
    void opensItsPublicAndManagementPortsAndAnInternalOneOnlyWhereItServesTheInternalApi(Rendering rendering, String service) {
        JsonNode container = container(rendering.manifests().deployment(service));
        Map<String, Integer> expected = new TreeMap<>(Map.of("http", PORTS.get(service), "management", MANAGEMENT_PORT));
        if (INTERNAL_SERVERS.contains(service)) {
            expected.put("internal", INTERNAL_PORT);
        }
        Map<String, Integer> ports = new TreeMap<>();
        for (JsonNode port : container.path("ports")) {
            assertEquals("TCP", port.path("protocol").asText(), service);
            ports.put(port.path("name").asText(), port.path("containerPort").asInt());
        }

        assertEquals(expected, ports, service + "'s container ports");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.chat.helm.Rendering#everyService")
    void listensOnItsPortBehindAServiceThatSelectsOnlyItsPods(Rendering rendering, String service) {
        Manifests manifests = rendering.manifests();
        JsonNode deployment = manifests.deployment(service);
        JsonNode serviceResource = manifests.ofService("Service", service);
        JsonNode port = servicePort(serviceResource, "http");
        Map<String, String> selector = Manifests.strings(serviceResource.path("spec").path("selector"));
        Map<String, String> podLabels = Manifests.strings(deployment.path("spec").path("template").path("metadata").path("labels"));

        assertAll(service,
                () -> assertEquals(String.valueOf(PORTS.get(service)), envValue(container(deployment), "QUARKUS_HTTP_PORT")),
                () -> assertEquals(PORTS.get(service), port.path("port").asInt()),
                () -> assertEquals("http", port.path("targetPort").asText()),
                () -> assertEquals("http", port.path("name").asText()),
                () -> assertEquals(ChartUnderTest.component(service), selector.get("app.kubernetes.io/component")),
                () -> assertTrue(podLabels.entrySet().containsAll(selector.entrySet()), "pods carry the Service's selector"),
                () -> assertEquals(selector, Manifests.strings(deployment.path("spec").path("selector").path("matchLabels"))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.chat.helm.Rendering#everyService")
    void requestsAndLimitsCpuAndMemoryWithTheHeapAShareOfTheLimit(Rendering rendering, String service) {
        JsonNode container = container(rendering.manifests().deployment(service));
        JsonNode resources = container.path("resources");

        assertAll(service,
                () -> assertFalse(resources.path("requests").path("cpu").asText().isEmpty(), "cpu request"),
                () -> assertFalse(resources.path("requests").path("memory").asText().isEmpty(), "memory request"),
                () -> assertFalse(resources.path("limits").path("cpu").asText().isEmpty(), "cpu limit"),
                () -> assertFalse(resources.path("limits").path("memory").asText().isEmpty(), "memory limit"),
                // The web client serves files only; the services hold sockets, caches and drivers.
                () -> assertTrue(mebibytes(resources.path("requests").path("memory").asText()) >= (service.equals("web") ? 256 : 512),
                        "a JVM-sized memory request"),
                () -> assertTrue(envValue(container, "JAVA_OPTS_APPEND").contains("-XX:MaxRAMPercentage="),
                        "JAVA_OPTS_APPEND sizes the heap from the container's memory"));
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void gatewayGetsAtLeastAGibibyteOfMemory(Rendering rendering) {
        JsonNode resources = container(rendering.manifests().deployment("gateway")).path("resources");

        assertTrue(mebibytes(resources.path("requests").path("memory").asText()) >= 1024);
        assertTrue(mebibytes(resources.path("limits").path("memory").asText()) >= 1024);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.chat.helm.Rendering#everyService")
    void sleepsBeforeSigtermSoThatItsEndpointIsGoneFirst(Rendering rendering, String service) {
        JsonNode preStop = container(rendering.manifests().deployment(service)).path("lifecycle").path("preStop");

        List<String> command = Manifests.texts(preStop.path("exec").path("command"));
        boolean sleeps = preStop.has("sleep") || (!command.isEmpty() && command.get(0).equals("sleep"));
        assertTrue(sleeps, service + " preStop: " + preStop);
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void deploymentsKeepFullCapacityDuringARollout(Rendering rendering) {
        assertAll(SERVICES.stream().map(service -> () -> {
            JsonNode rollingUpdate = rendering.manifests().deployment(service).path("spec").path("strategy").path("rollingUpdate");
            assertEquals(0, rollingUpdate.path("maxUnavailable").asInt(-1), service);
        }));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.chat.helm.Rendering#everyService")
    void serviceExposesManagementEverywhereAndInternalOnlyOnTheInternalApisServers(Rendering rendering, String service) {
        JsonNode serviceResource = rendering.manifests().ofService("Service", service);
        Map<String, String> expected = new TreeMap<>(Map.of(
                "http", PORTS.get(service) + "->http", "management", MANAGEMENT_PORT + "->management"));
        if (INTERNAL_SERVERS.contains(service)) {
            expected.put("internal", INTERNAL_PORT + "->internal");
        }
        Map<String, String> ports = new TreeMap<>();
        for (JsonNode port : serviceResource.path("spec").path("ports")) {
            ports.put(port.path("name").asText(), port.path("port").asInt() + "->" + port.path("targetPort").asText());
        }

        assertEquals(expected, ports, service + "'s Service ports (port->targetPort)");
    }

    static void assertProbe(JsonNode container, String probe, String path) {
        JsonNode httpGet = container.path(probe).path("httpGet");
        assertEquals(path, httpGet.path("path").asText(), probe + " path");
        assertEquals("management", httpGet.path("port").asText(), probe + " port");
        assertTrue(httpGet.path("scheme").isMissingNode() || "HTTP".equals(httpGet.path("scheme").asText()), probe + " scheme");
    }

    /** The number of a container's port named {@code name}. */
    static int namedPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return port.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no port named " + name + " in " + container.path("ports"));
    }

    /** A Service's port named {@code name}. */
    static JsonNode servicePort(JsonNode service, String name) {
        for (JsonNode port : service.path("spec").path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return port;
            }
        }
        throw new AssertionError("no port named " + name + " in Service " + service.path("metadata").path("name").asText()
                + ": " + service.path("spec").path("ports"));
    }

    /** A Kubernetes memory quantity in MiB (Gi, Mi, G, M suffixes). */
    static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2));
        }
        if (quantity.endsWith("G")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 1)) * 1_000_000_000L / (1024 * 1024);
        }
        if (quantity.endsWith("M")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 1)) * 1_000_000L / (1024 * 1024);
        }
        return Long.parseLong(quantity) / (1024 * 1024);
    }
}
