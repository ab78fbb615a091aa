package dev.chat.helm;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** HorizontalPodAutoscalers for gateway and delivery; a PodDisruptionBudget for every service. */
class ScalingAndDisruptionTest {

    @Test
    void productionAutoscalesGatewayAndDeliveryFromThreeReplicas() {
        Manifests manifests = ChartUnderTest.production();
        List<JsonNode> autoscalers = manifests.ofKind("HorizontalPodAutoscaler");

        assertEquals(2, autoscalers.size(), "HPAs: " + manifests.names("HorizontalPodAutoscaler"));
        assertAll(List.of("gateway", "delivery").stream().map(service -> () -> {
            JsonNode hpa = manifests.ofService("HorizontalPodAutoscaler", service);
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            assertEquals("autoscaling/v2", hpa.path("apiVersion").asText());
            assertEquals("Deployment", target.path("kind").asText());
            assertEquals(manifests.deployment(service).path("metadata").path("name").asText(), target.path("name").asText());
            assertEquals(3, hpa.path("spec").path("minReplicas").asInt(), service + " minReplicas");
            assertTrue(hpa.path("spec").path("maxReplicas").asInt() > 3, service + " maxReplicas");
            assertFalse(hpa.path("spec").path("metrics").isEmpty(), service + " metrics");
            assertTrue(manifests.deployment(service).path("spec").path("replicas").isMissingNode(),
                    service + " leaves its replica count to the HPA");
        }));
    }

    @Test
    void gatewayScalesInSlowlyBecauseEveryRemovedPodMovesItsSockets() {
        JsonNode scaleDown = ChartUnderTest.production().ofService("HorizontalPodAutoscaler", "gateway")
                .path("spec").path("behavior").path("scaleDown");

        assertTrue(scaleDown.path("stabilizationWindowSeconds").asInt() >= 300);
        assertEquals(1, scaleDown.path("policies").get(0).path("value").asInt());
    }

    @Test
    void defaultValuesRunFixedReplicasWithoutAutoscaling() {
        Manifests manifests = ChartUnderTest.defaults();

        assertTrue(manifests.ofKind("HorizontalPodAutoscaler").isEmpty());
        assertAll(ChartUnderTest.SERVICES.stream().map(service -> () ->
                assertEquals(2, manifests.deployment(service).path("spec").path("replicas").asInt(), service)));
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void everyServiceHasADisruptionBudgetOverExactlyItsPods(Rendering rendering) {
        Manifests manifests = rendering.manifests();
        Set<String> covered = new TreeSet<>();
        for (JsonNode pdb : manifests.ofKind("PodDisruptionBudget")) {
            String component = Manifests.labels(pdb).get("app.kubernetes.io/component");
            String service = component.substring(0, component.length() - "-service".length());
            JsonNode deployment = manifests.deployment(service);
            assertEquals("policy/v1", pdb.path("apiVersion").asText());
            assertEquals(deployment.path("spec").path("selector"), pdb.path("spec").path("selector"), service);
            assertTrue(pdb.path("spec").has("maxUnavailable") || pdb.path("spec").has("minAvailable"), service);
            covered.add(service);
        }

        assertEquals(new TreeSet<>(ChartUnderTest.SERVICES), covered);
        assertEquals(ChartUnderTest.SERVICES.size(), manifests.ofKind("PodDisruptionBudget").size());
    }
}
