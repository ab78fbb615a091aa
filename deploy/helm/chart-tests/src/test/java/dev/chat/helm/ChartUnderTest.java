package dev.chat.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The chart in {@code deploy/helm/chat-backend}, rendered and linted through helm-java.
 *
 * <p>helm-java's {@code template} returns the release's manifest without its hooks (the schema
 * Job and the {@code helm test} Pod). {@link #renderHooks} renders those with the same Helm engine
 * from a copy of the chart that carries one extra template: a ConfigMap whose data holds the output
 * of {@code include "chat-backend/templates/<hook template>"}. The chart itself is not changed.
 *
 * <p>Its {@code lookup} asks a cluster, as {@code helm install} does: {@link FakeCluster}, which
 * holds nothing unless a test says otherwise.
 */
final class ChartUnderTest {

    static final Path CHART_DIR = Path.of(System.getProperty("chart.dir", "../chat-backend")).toAbsolutePath().normalize();
    static final Path DEFAULT_VALUES = CHART_DIR.resolve("values.yaml");
    static final Path PRODUCTION_VALUES = CHART_DIR.resolve("values-production.yaml");

    static final String RELEASE = "chat";
    static final String NAMESPACE = "chat";
    /** The resources' name prefix for release "chat": the release name and the chart name. */
    static final String FULLNAME = "chat-chat-backend";

    /** The services' values keys; each one's component label is {@code <key>-service}. */
    static final List<String> SERVICES = List.of("gateway", "message", "delivery", "presence", "inbox", "contacts", "web");

    /** Each service's public port, named {@code http}. */
    static final Map<String, Integer> PORTS = Map.of("gateway", 8080, "message", 8081, "delivery", 8082,
            "presence", 8083, "inbox", 8084, "contacts", 8085, "web", 8000);

    /** Every service's management port (health, metrics, OpenAPI), named {@code management}. */
    static final int MANAGEMENT_PORT = 9000;

    /** The internal API's port (mutual TLS), named {@code internal}, of the services that serve one. */
    static final int INTERNAL_PORT = 8443;
    static final List<String> INTERNAL_SERVERS = List.of("gateway", "message");

    /** The services that hold an internal certificate: the two servers and delivery, which calls the gateways. */
    static final List<String> INTERNAL_TLS = List.of("gateway", "message", "delivery");

    static final YAMLMapper YAML = new YAMLMapper();

    private static final Map<Path, Manifests> RENDERED = new ConcurrentHashMap<>();
    private static final Map<Path, Manifests> RENDERED_HOOKS = new ConcurrentHashMap<>();

    private static final String HOOK_TEMPLATES = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: rendered-hooks
            data:
              schema-job.yaml: {{ include "chat-backend/templates/schema-job.yaml" . | quote }}
              test-services.yaml: {{ include "chat-backend/templates/tests/test-services.yaml" . | quote }}
            """;

    private ChartUnderTest() {
    }

    static Manifests defaults() {
        return RENDERED.computeIfAbsent(DEFAULT_VALUES, values -> render(values, Map.of()));
    }

    static Manifests production() {
        return RENDERED.computeIfAbsent(PRODUCTION_VALUES, values -> render(values, Map.of()));
    }

    static Manifests defaultHooks() {
        return RENDERED_HOOKS.computeIfAbsent(DEFAULT_VALUES, values -> renderHooks(values, Map.of()));
    }

    static Manifests productionHooks() {
        return RENDERED_HOOKS.computeIfAbsent(PRODUCTION_VALUES, values -> renderHooks(values, Map.of()));
    }

    /** {@code helm template chat <chart> -n chat -f <valuesFile> --set ...}, parsed. */
    static Manifests render(Path valuesFile, Map<String, String> sets) {
        return Manifests.parse(template(CHART_DIR, valuesFile, sets));
    }

    static String template(Path chartDir, Path valuesFile, Map<String, String> sets) {
        FakeCluster.start();
        TemplateCommand command = new Helm(chartDir).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withValuesFile(valuesFile);
        for (Map.Entry<String, String> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return command.call();
    }

    /** The hook resources (schema job, test pod) rendered with {@code valuesFile} and {@code sets}. */
    static Manifests renderHooks(Path valuesFile, Map<String, String> sets) {
        Path copy = copyOfChart();
        try {
            Files.writeString(copy.resolve("templates/zz-rendered-hooks.yaml"), HOOK_TEMPLATES);
            JsonNode configMap = Manifests.parse(template(copy, valuesFile, sets)).named("ConfigMap", "rendered-hooks");
            List<JsonNode> documents = new ArrayList<>();
            for (Iterator<JsonNode> it = configMap.path("data").elements(); it.hasNext(); ) {
                documents.addAll(Manifests.parse(it.next().asText()).documents());
            }
            return new Manifests(documents);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code helm lint --strict} of the chart with its own values.yaml. */
    static LintResult lint() {
        return new Helm(CHART_DIR).lint().strict().call();
    }

    /**
     * {@code helm lint --strict} with {@code valuesFile} over the chart's defaults: helm-java's lint
     * takes no values file, so a copy of the chart gets the two merged as its values.yaml, merged
     * as Helm merges a {@code -f} file (maps key by key, everything else replaced).
     */
    static LintResult lintWith(Path valuesFile) {
        Path copy = copyOfChart();
        try {
            JsonNode merged = merge(YAML.readTree(DEFAULT_VALUES.toFile()), YAML.readTree(valuesFile.toFile()));
            YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Helm(copy).lint().strict().call();
    }

    static JsonNode merge(JsonNode base, JsonNode override) {
        if (!(base instanceof ObjectNode baseObject) || !override.isObject()) {
            return override.deepCopy();
        }
        ObjectNode result = baseObject.deepCopy();
        override.fields().forEachRemaining(field -> result.set(field.getKey(),
                result.has(field.getKey()) ? merge(result.get(field.getKey()), field.getValue()) : field.getValue().deepCopy()));
        return result;
    }

    /** A copy of the chart in a new directory under target/, named like the chart (Helm wants that). */
    static Path copyOfChart() {
        try {
            Path copies = Files.createDirectories(Path.of(System.getProperty("chart.copies.dir", "target/chart-copies")));
            Path target = Files.createTempDirectory(copies, "copy-").resolve(CHART_DIR.getFileName());
            try (Stream<Path> files = Files.walk(CHART_DIR)) {
                for (Path source : (Iterable<Path>) files::iterator) {
                    Path destination = target.resolve(CHART_DIR.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(destination);
                    } else {
                        Files.copy(source, destination);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String name(String service) {
        return FULLNAME + "-" + service;
    }

    static String component(String service) {
        return service + "-service";
    }
}
