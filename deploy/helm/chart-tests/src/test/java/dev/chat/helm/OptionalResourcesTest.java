package dev.chat.helm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** ServiceMonitors and NetworkPolicies: off by default, on in production. */
class OptionalResourcesTest {

    private static final List<String> PUBLIC = List.of("gateway", "message", "presence", "inbox", "contacts");

    @Test
    void defaultValuesCreateNeitherServiceMonitorsNorNetworkPolicies() {
        Manifests manifests = ChartUnderTest.defaults();

        assertTrue(manifests.ofKind("ServiceMonitor").isEmpty(), "ServiceMonitors need the Prometheus Operator's CRDs");
        assertTrue(manifests.ofKind("NetworkPolicy").isEmpty());
    }

    @Test
    void productionScrapesEveryServicesMetrics() {
        Manifests manifests = ChartUnderTest.production();

        assertEquals(ChartUnderTest.SERVICES.size(), manifests.ofKind("ServiceMonitor").size());
        assertAll(ChartUnderTest.SERVICES.stream().map(service -> () -> {
            JsonNode monitor = manifests.ofService("ServiceMonitor", service);
            JsonNode endpoint = monitor.path("spec").path("endpoints").get(0);
            assertEquals("monitoring.coreos.com/v1", monitor.path("apiVersion").asText());
            assertEquals("/q/metrics", endpoint.path("path").asText());
            assertEquals("http", endpoint.path("port").asText());
            assertEquals(manifests.ofService("Service", service).path("spec").path("selector"),
                    monitor.path("spec").path("selector").path("matchLabels"), service + " selects its Service");
            assertEquals("kube-prometheus-stack", Manifests.labels(monitor).get("release"));
        }));
    }

    @Test
    void productionAdmitsTheIngressControllerOnlyToServicesWithPublicPaths() {
        Manifests manifests = ChartUnderTest.production();

        assertEquals(ChartUnderTest.SERVICES.size(), manifests.ofKind("NetworkPolicy").size());
        assertAll(ChartUnderTest.SERVICES.stream().map(service -> () -> {
            JsonNode policy = manifests.ofService("NetworkPolicy", service);
            List<Map<String, String>> namespaces = namespaceSelectors(policy);
            boolean admitsIngressController = namespaces.contains(Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
            assertEquals(PUBLIC.contains(service), admitsIngressController, service);
            assertEquals(List.of("Ingress"), Manifests.texts(policy.path("spec").path("policyTypes")));
            assertEquals(manifests.deployment(service).path("spec").path("selector").path("matchLabels"),
                    policy.path("spec").path("podSelector").path("matchLabels"), service + " policy selects its pods");
        }));
    }

    @Test
    void productionAdmitsTheReleasesOwnPodsForTheInternalCalls() {
        Manifests manifests = ChartUnderTest.production();

        assertAll(ChartUnderTest.SERVICES.stream().map(service -> () -> {
            JsonNode policy = manifests.ofService("NetworkPolicy", service);
            List<Map<String, String>> pods = new ArrayList<>();
            for (JsonNode rule : policy.path("spec").path("ingress")) {
                for (JsonNode from : rule.path("from")) {
                    if (from.has("podSelector") && !from.has("namespaceSelector")) {
                        pods.add(Manifests.strings(from.path("podSelector").path("matchLabels")));
                    }
                }
                assertEquals(List.of("http"), StreamSupport.stream(rule.path("ports").spliterator(), false)
                        .map(p -> p.path("port").asText()).toList(), service + ": only the http port");
            }
            assertEquals(List.of(Map.of("app.kubernetes.io/name", "chat-backend", "app.kubernetes.io/instance", ChartUnderTest.RELEASE)),
                    pods, service);
        }));
    }

    private static List<Map<String, String>> namespaceSelectors(JsonNode policy) {
        List<Map<String, String>> selectors = new ArrayList<>();
        for (JsonNode rule : policy.path("spec").path("ingress")) {
            for (JsonNode from : rule.path("from")) {
                if (from.has("namespaceSelector")) {
                    selectors.add(Manifests.strings(from.path("namespaceSelector").path("matchLabels")));
                }
            }
        }
        return selectors;
    }
}
