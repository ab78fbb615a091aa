package dev.chat.helm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.web.proxy.ApiRoutes;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The public entry: /ws, the /v1 REST paths and the web client at /, never a service's /internal or /q. */
class IngressTest {

    /**
     * The web client's proxy table (what the local stack routes), and everything else to the web
     * client itself: the ingress must route exactly these, so a client works alike behind either.
     */
    private static final Map<String, String> PUBLIC_ROUTES = publicRoutes();

    private static Map<String, String> publicRoutes() {
        Map<String, String> routes = new TreeMap<>(ApiRoutes.PREFIXES);
        routes.put("/", "web");
        return routes;
    }

    private static final String READ_TIMEOUT = "nginx.ingress.kubernetes.io/proxy-read-timeout";
    private static final String SEND_TIMEOUT = "nginx.ingress.kubernetes.io/proxy-send-timeout";

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void routesExactlyTheWebClientsPublicPathsEachToItsService(Rendering rendering) {
        Manifests manifests = rendering.manifests();
        Map<String, String> routes = new TreeMap<>();
        for (JsonNode ingress : manifests.ofKind("Ingress")) {
            for (JsonNode path : paths(ingress)) {
                JsonNode backend = path.path("backend").path("service");
                JsonNode service = manifests.named("Service", backend.path("name").asText());
                String component = Manifests.labels(service).get("app.kubernetes.io/component");
                assertEquals("http", backend.path("port").path("name").asText(), "backend port of " + path.path("path").asText());
                assertEquals("Prefix", path.path("pathType").asText());
                routes.put(path.path("path").asText(), component.substring(0, component.length() - "-service".length()));
            }
        }

        assertEquals(new TreeMap<>(PUBLIC_ROUTES), routes);
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void neverRoutesTheInternalApiNorTheManagementEndpoints(Rendering rendering) {
        for (JsonNode ingress : rendering.manifests().ofKind("Ingress")) {
            for (JsonNode path : paths(ingress)) {
                String value = path.path("path").asText();
                String service = path.path("backend").path("service").path("name").asText();
                assertFalse(value.startsWith("/internal") || value.startsWith("/q"), value);
                // The catch-all reaches the web client only, which serves files and no /internal or /q.
                assertFalse(value.equals("/") && !service.endsWith("-web"), value + " to " + service);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void keepsWebSocketsOpenForAnHourWhileRestKeepsTheProxyDefaults(Rendering rendering) {
        for (JsonNode ingress : rendering.manifests().ofKind("Ingress")) {
            Map<String, String> annotations = Manifests.annotations(ingress);
            boolean websocket = paths(ingress).stream().anyMatch(p -> p.path("path").asText().equals("/ws"));
            if (websocket) {
                assertEquals(1, paths(ingress).size(), "/ws has an Ingress of its own");
                assertEquals("3600", annotations.get(READ_TIMEOUT));
                assertEquals("3600", annotations.get(SEND_TIMEOUT));
            } else {
                assertFalse(annotations.containsKey(READ_TIMEOUT), "REST keeps the default read timeout");
                assertFalse(annotations.containsKey(SEND_TIMEOUT), "REST keeps the default send timeout");
            }
        }
    }

    @Test
    void webSocketTimeoutsAreConfigurable() {
        Manifests manifests = ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES, Map.of(
                "ingress.websocket.proxyReadTimeout", "7200", "ingress.websocket.proxySendTimeout", "900"));
        JsonNode ws = manifests.named("Ingress", ChartUnderTest.FULLNAME + "-ws");

        assertEquals("7200", Manifests.annotations(ws).get(READ_TIMEOUT));
        assertEquals("900", Manifests.annotations(ws).get(SEND_TIMEOUT));
    }

    @Test
    void productionTerminatesTlsForItsHostOnEveryRoute() {
        List<JsonNode> ingresses = ChartUnderTest.production().ofKind("Ingress");

        assertEquals(2, ingresses.size());
        assertAll(ingresses.stream().map(ingress -> () -> {
            JsonNode tls = ingress.path("spec").path("tls").get(0);
            assertEquals("chat-example-com-tls", tls.path("secretName").asText());
            assertEquals(List.of("chat.example.com"), Manifests.texts(tls.path("hosts")));
            assertEquals("chat.example.com", ingress.path("spec").path("rules").get(0).path("host").asText());
            assertEquals("nginx", ingress.path("spec").path("ingressClassName").asText());
        }));
    }

    @Test
    void defaultValuesServeEveryHostWithoutTls() {
        for (JsonNode ingress : ChartUnderTest.defaults().ofKind("Ingress")) {
            assertTrue(ingress.path("spec").path("tls").isMissingNode());
            assertTrue(ingress.path("spec").path("rules").get(0).path("host").isMissingNode());
        }
    }

    @Test
    void canBeLeftOut() {
        assertTrue(ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES, Map.of("ingress.enabled", "false")).ofKind("Ingress").isEmpty());
    }

    private static List<JsonNode> paths(JsonNode ingress) {
        return ingress.path("spec").path("rules").findValues("paths").stream()
                .flatMap(paths -> StreamSupport.stream(paths.spliterator(), false)).toList();
    }
}
