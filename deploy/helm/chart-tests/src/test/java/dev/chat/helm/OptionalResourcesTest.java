package dev.chat.helm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** ServiceMonitors and NetworkPolicies: off by default, on in production (the policies: NetworkPolicyTest). */
class OptionalResourcesTest {

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
            assertEquals("management", endpoint.path("port").asText());
            assertEquals(ChartUnderTest.MANAGEMENT_PORT, ServiceWorkloadsTest.servicePort(
                    manifests.ofService("Service", service), "management").path("port").asInt(), service);
            assertEquals(manifests.ofService("Service", service).path("spec").path("selector"),
                    monitor.path("spec").path("selector").path("matchLabels"), service + " selects its Service");
            assertEquals("kube-prometheus-stack", Manifests.labels(monitor).get("release"));
        }));
    }
}
