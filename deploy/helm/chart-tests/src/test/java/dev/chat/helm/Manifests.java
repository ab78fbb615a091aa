package dev.chat.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** The documents one rendering produced, with look-ups by kind, name and component. */
record Manifests(List<JsonNode> documents) {

    static Manifests parse(String yaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> it = ChartUnderTest.YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (it.hasNext()) {
                JsonNode document = it.next();
                if (document != null && document.isObject() && document.has("kind")) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the chart rendered YAML that does not parse", e);
        }
        return new Manifests(documents);
    }

    List<JsonNode> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(d.path("metadata").path("name").asText())).findFirst();
    }

    JsonNode named(String kind, String name) {
        return find(kind, name).orElseGet(() -> fail("no " + kind + " named " + name + "; " + kind + "s: " + names(kind)));
    }

    List<String> names(String kind) {
        return ofKind(kind).stream().map(d -> d.path("metadata").path("name").asText()).toList();
    }

    /** The one document of {@code kind} labelled as {@code service}'s component. */
    JsonNode ofService(String kind, String service) {
        List<JsonNode> found = ofKind(kind).stream()
                .filter(d -> ChartUnderTest.component(service).equals(labels(d).get("app.kubernetes.io/component")))
                .toList();
        assertEquals(1, found.size(), () -> "expected one " + kind + " of " + service + ", found " + found.size());
        return found.get(0);
    }

    JsonNode deployment(String service) {
        return ofService("Deployment", service);
    }

    static Map<String, String> labels(JsonNode document) {
        return strings(document.path("metadata").path("labels"));
    }

    static Map<String, String> annotations(JsonNode document) {
        return strings(document.path("metadata").path("annotations"));
    }

    static Map<String, String> strings(JsonNode object) {
        Map<String, String> result = new LinkedHashMap<>();
        object.fields().forEachRemaining(field -> result.put(field.getKey(), field.getValue().asText()));
        return result;
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    /** The only container of a Deployment's or Job's pod, or of a Pod. */
    static JsonNode container(JsonNode workload) {
        JsonNode spec = "Pod".equals(workload.path("kind").asText()) ? workload.path("spec") : podSpec(workload);
        JsonNode containers = spec.path("containers");
        assertEquals(1, containers.size(), "containers of " + workload.path("metadata").path("name").asText());
        return containers.get(0);
    }

    /** A container's env entries by name, in their order. */
    static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> result = new LinkedHashMap<>();
        for (JsonNode entry : container.path("env")) {
            assertTrue(result.put(entry.path("name").asText(), entry) == null, "env " + entry.path("name").asText() + " is set twice");
        }
        return result;
    }

    /** The literal value of an env entry, failing when it is absent or not a literal. */
    static String envValue(JsonNode container, String name) {
        JsonNode entry = env(container).get(name);
        if (entry == null || !entry.has("value")) {
            return fail("env " + name + " has no value in container " + container.path("name").asText() + "; env: "
                    + env(container).keySet());
        }
        return entry.get("value").asText();
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.toList());
    }
}
