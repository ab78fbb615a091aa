package dev.chat.helm;

import static dev.chat.helm.Manifests.container;
import static dev.chat.helm.Manifests.envValue;
import static dev.chat.helm.Manifests.podSpec;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The schema migration Job (pre-install, pre-upgrade) and the `helm test` Pod. */
class HooksTest {

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void schemaJobRunsBeforeEveryInstallAndUpgradeAndIsRemovedOnceItSucceeded(Rendering rendering) {
        JsonNode job = schemaJob(rendering.hooks());
        Map<String, String> annotations = Manifests.annotations(job);

        assertEquals("pre-install,pre-upgrade", annotations.get("helm.sh/hook"));
        assertEquals("before-hook-creation,hook-succeeded", annotations.get("helm.sh/hook-delete-policy"));
        assertEquals("Never", podSpec(job).path("restartPolicy").asText());
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void schemaJobBringsItsOwnServiceAccountAsAnEarlierHook(Rendering rendering) {
        JsonNode job = schemaJob(rendering.hooks());
        JsonNode account = rendering.hooks().named("ServiceAccount", podSpec(job).path("serviceAccountName").asText());
        Map<String, String> annotations = Manifests.annotations(account);

        assertEquals("pre-install,pre-upgrade", annotations.get("helm.sh/hook"));
        assertTrue(Integer.parseInt(annotations.get("helm.sh/hook-weight"))
                < Integer.parseInt(Manifests.annotations(job).get("helm.sh/hook-weight")), "created before the Job");
        assertEquals(false, account.path("automountServiceAccountToken").asBoolean(true));
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void schemaJobRunsTheSchemaImageAgainstTheConfiguredCassandra(Rendering rendering) {
        JsonNode values = rendering.chartValues();
        JsonNode container = container(schemaJob(rendering.hooks()));
        String registry = values.path("global").path("image").path("registry").asText();

        assertAll(
                () -> assertTrue(container.path("image").asText().startsWith(registry + "/chat-schema:"), container.path("image").asText()),
                () -> assertEquals(values.path("cassandra").path("contactPoints").asText(), envValue(container, "CASSANDRA_CONTACT_POINTS")),
                () -> assertEquals(values.path("cassandra").path("localDatacenter").asText(), envValue(container, "CASSANDRA_LOCAL_DATACENTER")),
                () -> assertEquals(values.path("cassandra").path("keyspace").asText(), envValue(container, "CASSANDRA_KEYSPACE")),
                () -> assertEquals(values.path("cassandra").path("replication").asText(), envValue(container, "CASSANDRA_REPLICATION")));
    }

    @Test
    void productionCreatesTheKeyspaceReplicatedAcrossTheDatacenter() {
        assertEquals("{'class': 'NetworkTopologyStrategy', 'dc1': 3}",
                envValue(container(schemaJob(ChartUnderTest.productionHooks())), "CASSANDRA_REPLICATION"));
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void schemaJobIsHardenedLikeTheServices(Rendering rendering) {
        JsonNode job = schemaJob(rendering.hooks());

        Hardening.assertHardened("schema job", podSpec(job), container(job));
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void helmTestPodChecksEveryServicesReadiness(Rendering rendering) {
        JsonNode pod = testPod(rendering.hooks());
        List<String> arguments = Manifests.texts(container(pod).path("command"));

        assertEquals("test", Manifests.annotations(pod).get("helm.sh/hook"));
        assertEquals("Never", pod.path("spec").path("restartPolicy").asText());
        assertAll(ChartUnderTest.SERVICES.stream().map(service -> () -> {
            String url = "http://" + ChartUnderTest.name(service) + ":" + ChartUnderTest.MANAGEMENT_PORT + "/q/health/ready";
            assertTrue(arguments.contains(url), url + " in " + arguments);
            JsonNode port = ServiceWorkloadsTest.servicePort(rendering.manifests().named("Service", ChartUnderTest.name(service)), "management");
            assertEquals(ChartUnderTest.MANAGEMENT_PORT, port.path("port").asInt(), service + "'s Service exposes the management port");
        }));
        assertEquals(ChartUnderTest.SERVICES.size(), arguments.stream().filter(a -> a.startsWith("http")).count(),
                "one URL per service: " + arguments);
        assertTrue(String.join("\n", arguments).contains("curl --fail"), "a service that is not ready fails the test");
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void helmTestPodIsHardenedLikeTheServices(Rendering rendering) {
        JsonNode pod = testPod(rendering.hooks());

        Hardening.assertHardened("test pod", pod.path("spec"), container(pod));
        assertEquals("curlimages/curl", container(pod).path("image").asText().split(":")[0]);
    }

    @Test
    void helmTestImageIsConfigurable() {
        Manifests hooks = ChartUnderTest.renderHooks(ChartUnderTest.DEFAULT_VALUES,
                Map.of("tests.image.repository", "mirror.example.com/curl", "tests.image.tag", "8.12.0"));

        assertEquals("mirror.example.com/curl:8.12.0", container(testPod(hooks)).path("image").asText());
    }

    private static JsonNode schemaJob(Manifests hooks) {
        List<JsonNode> jobs = hooks.ofKind("Job");
        assertEquals(1, jobs.size());
        return jobs.get(0);
    }

    private static JsonNode testPod(Manifests hooks) {
        List<JsonNode> pods = hooks.ofKind("Pod");
        assertEquals(1, pods.size());
        return pods.get(0);
    }
}
