package dev.chat.helm;

import static dev.chat.helm.ChartUnderTest.RELEASE;
import static dev.chat.helm.ChartUnderTest.SERVICES;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The NetworkPolicies: deny by default, then per service exactly the callers of each port
 * (docs/security.md, "Who calls whom"), with the production values.
 */
class NetworkPolicyTest {

    private static final Manifests PRODUCTION = ChartUnderTest.production();

    private static final JsonNode INGRESS_CONTROLLER = peer("namespaceSelector", Map.of("kubernetes.io/metadata.name", "ingress-nginx"));
    private static final JsonNode MONITORING = peer("namespaceSelector", Map.of("kubernetes.io/metadata.name", "monitoring"));
    private static final JsonNode HELM_TEST = podsOfComponent("test");

    /** Who may open a connection to which port of each service: the table the chart must implement. */
    private static final Map<String, Set<Admission>> EXPECTED = Map.of(
            "gateway", Set.of(
                    new Admission("http", INGRESS_CONTROLLER),
                    new Admission("internal", pods("delivery")),
                    new Admission("management", MONITORING),
                    new Admission("management", HELM_TEST)),
            "message", Set.of(
                    new Admission("http", INGRESS_CONTROLLER),
                    new Admission("internal", pods("gateway")),
                    new Admission("management", MONITORING),
                    new Admission("management", HELM_TEST)),
            "delivery", Set.of(
                    new Admission("management", MONITORING),
                    new Admission("management", HELM_TEST)),
            "presence", Set.of(
                    new Admission("http", INGRESS_CONTROLLER),
                    new Admission("http", pods("contacts")),
                    new Admission("management", MONITORING),
                    new Admission("management", HELM_TEST)),
            "inbox", Set.of(
                    new Admission("http", INGRESS_CONTROLLER),
                    new Admission("management", MONITORING),
                    new Admission("management", HELM_TEST)),
            "contacts", Set.of(
                    new Admission("http", INGRESS_CONTROLLER),
                    new Admission("management", MONITORING),
                    new Admission("management", HELM_TEST)),
            "web", Set.of(
                    new Admission("http", INGRESS_CONTROLLER),
                    new Admission("management", MONITORING),
                    new Admission("management", HELM_TEST)));

    /** One port of a policy's pods and one peer admitted to it. */
    record Admission(String port, JsonNode from) {
        @Override
        public String toString() {
            return port + " <- " + from;
        }
    }

    static List<String> services() {
        return SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void eachServiceAdmitsExactlyItsCallersOnEachPort(String service) {
        JsonNode policy = PRODUCTION.ofService("NetworkPolicy", service);

        assertEquals(PRODUCTION.deployment(service).path("spec").path("selector").path("matchLabels"),
                policy.path("spec").path("podSelector").path("matchLabels"), service + "'s policy selects its pods");
        assertEquals(List.of("Ingress"), Manifests.texts(policy.path("spec").path("policyTypes")), "only incoming traffic");
        assertEquals(EXPECTED.get(service), admissions(policy), service);
    }

    @Test
    void aDefaultDenyPolicySelectsEveryPodOfTheReleaseAndAdmitsNothing() {
        List<JsonNode> denying = PRODUCTION.ofKind("NetworkPolicy").stream()
                .filter(policy -> !Manifests.labels(policy).containsKey("app.kubernetes.io/component"))
                .toList();
        assertEquals(1, denying.size(), "one policy for the whole release: " + PRODUCTION.names("NetworkPolicy"));
        JsonNode policy = denying.get(0);
        Map<String, String> selector = Manifests.strings(policy.path("spec").path("podSelector").path("matchLabels"));

        assertEquals(Map.of("app.kubernetes.io/name", "chat-backend", "app.kubernetes.io/instance", RELEASE), selector);
        assertTrue(policy.path("spec").path("podSelector").path("matchExpressions").isMissingNode());
        assertEquals(List.of("Ingress"), Manifests.texts(policy.path("spec").path("policyTypes")));
        assertTrue(policy.path("spec").path("ingress").isMissingNode() || policy.path("spec").path("ingress").isEmpty(),
                "admits nothing: " + policy.path("spec").path("ingress"));
        Map<String, Map<String, String>> pods = releasePodLabels();
        assertEquals(SERVICES.size() + 2, pods.size(), "the services' pods, the schema job's and the test pod: " + pods.keySet());
        assertAll(pods.entrySet().stream().map(pod -> () ->
                assertTrue(pod.getValue().entrySet().containsAll(selector.entrySet()), pod.getKey() + " is selected: " + pod.getValue())));
    }

    @Test
    void everyPodSelectorOfAPolicySelectsExactlyThePodsItIsMeantFor() {
        Map<String, Map<String, String>> pods = releasePodLabels();
        Map<JsonNode, String> meant = new LinkedHashMap<>();
        meant.put(HELM_TEST, "test pod");
        for (String service : SERVICES) {
            meant.put(pods(service), "Deployment " + service);
        }

        assertAll(PRODUCTION.ofKind("NetworkPolicy").stream().flatMap(policy -> admissions(policy).stream())
                .filter(admission -> admission.from().has("podSelector") && !admission.from().has("namespaceSelector"))
                .map(admission -> () -> {
                    Map<String, String> selector = Manifests.strings(admission.from().path("podSelector").path("matchLabels"));
                    Set<String> selected = pods.entrySet().stream()
                            .filter(pod -> pod.getValue().entrySet().containsAll(selector.entrySet()))
                            .map(Map.Entry::getKey).collect(Collectors.toSet());
                    assertEquals(Set.of(meant.getOrDefault(admission.from(), "an unexpected selector " + admission.from())),
                            selected, admission.toString());
                }));
    }

    @Test
    void everyAdmittedPortIsANamedPortOfTheSelectedPods() {
        assertAll(SERVICES.stream().map(service -> () -> {
            Set<String> containerPorts = StreamSupport.stream(
                            Manifests.container(PRODUCTION.deployment(service)).path("ports").spliterator(), false)
                    .map(port -> port.path("name").asText()).collect(Collectors.toSet());
            for (Admission admission : admissions(PRODUCTION.ofService("NetworkPolicy", service))) {
                assertTrue(containerPorts.contains(admission.port()), service + " has no port " + admission.port() + ": " + containerPorts);
            }
        }));
    }

    @Test
    void theIngressControllerReachesExactlyTheServicesTheIngressRoutesTo() {
        Set<String> routed = new TreeSet<>();
        for (JsonNode ingress : PRODUCTION.ofKind("Ingress")) {
            for (JsonNode backend : ingress.path("spec").path("rules").findValues("backend")) {
                String component = Manifests.labels(PRODUCTION.named("Service", backend.path("service").path("name").asText()))
                        .get("app.kubernetes.io/component");
                routed.add(component.substring(0, component.length() - "-service".length()));
            }
        }
        Set<String> admitting = new TreeSet<>();
        for (String service : SERVICES) {
            if (admissions(PRODUCTION.ofService("NetworkPolicy", service)).contains(new Admission("http", INGRESS_CONTROLLER))) {
                admitting.add(service);
            }
        }

        assertEquals(routed, admitting);
        assertFalse(routed.isEmpty());
    }

    @Test
    void theControllersAndPrometheusPodSelectorsNarrowTheirNamespaces() {
        Manifests manifests = ChartUnderTest.render(ChartUnderTest.PRODUCTION_VALUES, Map.of(
                "networkPolicy.ingressControllerPodSelector.matchLabels.app\\.kubernetes\\.io/name", "ingress-nginx",
                "networkPolicy.monitoringPodSelector.matchLabels.app\\.kubernetes\\.io/name", "prometheus"));
        JsonNode controller = INGRESS_CONTROLLER.deepCopy();
        ((ObjectNode) controller).set("podSelector", peer("matchLabels", Map.of("app.kubernetes.io/name", "ingress-nginx")));
        JsonNode prometheus = MONITORING.deepCopy();
        ((ObjectNode) prometheus).set("podSelector", peer("matchLabels", Map.of("app.kubernetes.io/name", "prometheus")));

        Set<Admission> inbox = admissions(manifests.ofService("NetworkPolicy", "inbox"));

        assertEquals(Set.of(new Admission("http", controller), new Admission("management", prometheus),
                new Admission("management", HELM_TEST)), inbox);
    }

    @Test
    void withoutAMonitoringSelectorOnlyTheTestPodReachesTheManagementPorts() {
        Manifests manifests = ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES, Map.of("networkPolicy.enabled", "true"));

        assertAll(SERVICES.stream().map(service -> () -> {
            Set<Admission> expected = new HashSet<>(EXPECTED.get(service));
            expected.remove(new Admission("management", MONITORING));
            assertEquals(expected, admissions(manifests.ofService("NetworkPolicy", service)), service);
        }));
    }

    /** Every (port, peer) pair a policy admits; a rule without peers or ports (which admits all) fails. */
    static Set<Admission> admissions(JsonNode policy) {
        Set<Admission> result = new HashSet<>();
        String name = policy.path("metadata").path("name").asText();
        for (JsonNode rule : policy.path("spec").path("ingress")) {
            assertFalse(rule.path("from").isEmpty(), name + ": a rule without `from` admits every source");
            assertFalse(rule.path("ports").isEmpty(), name + ": a rule without `ports` admits every port");
            for (JsonNode port : rule.path("ports")) {
                assertEquals("TCP", port.path("protocol").asText(), name);
                assertTrue(port.path("endPort").isMissingNode(), name + ": no port ranges");
                for (JsonNode from : rule.path("from")) {
                    assertTrue(from.path("ipBlock").isMissingNode(), name + ": no address blocks");
                    assertTrue(result.add(new Admission(port.path("port").asText(), from)), name + " admits twice: " + from);
                }
            }
        }
        return result;
    }

    /** Pod template labels of every pod the release runs: Deployments, the schema job, the test pod. */
    private static Map<String, Map<String, String>> releasePodLabels() {
        Map<String, Map<String, String>> pods = new LinkedHashMap<>();
        for (String service : SERVICES) {
            pods.put("Deployment " + service, Manifests.strings(PRODUCTION.deployment(service).path("spec").path("template")
                    .path("metadata").path("labels")));
        }
        Manifests hooks = ChartUnderTest.productionHooks();
        pods.put("schema job", Manifests.strings(hooks.ofKind("Job").get(0).path("spec").path("template").path("metadata").path("labels")));
        pods.put("test pod", Manifests.labels(hooks.ofKind("Pod").get(0)));
        return pods;
    }

    private static JsonNode pods(String service) {
        return podsOfComponent(ChartUnderTest.component(service));
    }

    private static JsonNode podsOfComponent(String component) {
        return peer("podSelector", Map.of("app.kubernetes.io/name", "chat-backend", "app.kubernetes.io/instance", RELEASE,
                "app.kubernetes.io/component", component));
    }

    /** {@code {<selector>: {matchLabels: labels}}}, or {@code {matchLabels: labels}} for selector "matchLabels". */
    private static JsonNode peer(String selector, Map<String, String> labels) {
        ObjectNode matchLabels = ChartUnderTest.YAML.createObjectNode();
        labels.forEach(matchLabels::put);
        ObjectNode labelSelector = ChartUnderTest.YAML.createObjectNode().set("matchLabels", matchLabels);
        return selector.equals("matchLabels") ? labelSelector : ChartUnderTest.YAML.createObjectNode().set(selector, labelSelector);
    }
}
