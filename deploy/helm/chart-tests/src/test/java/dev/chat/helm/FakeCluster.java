package dev.chat.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the Kubernetes API, answering the chart's {@code lookup} of Secrets.
 *
 * <p>helm-java's {@code template} renders like {@code helm install --dry-run=none} without
 * installing: unlike the helm CLI's {@code template}, its {@code lookup} asks the cluster of
 * {@code KUBECONFIG}. The surefire configuration points {@code KUBECONFIG} at a file that
 * {@link #start()} writes, naming this server. It holds no Secret unless a test puts some there with
 * {@link #holding}, so by default every lookup finds nothing, as on a first install.
 */
final class FakeCluster {

    private static final Path KUBECONFIG = Path.of(System.getProperty("fake.cluster.kubeconfig", "target/fake-cluster/kubeconfig"))
            .toAbsolutePath();
    private static final Pattern SECRET = Pattern.compile("/api/v1/namespaces/([^/]+)/secrets/([^/?]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Secrets by "namespace/name". */
    private static final Map<String, JsonNode> SECRETS = new ConcurrentHashMap<>();
    private static HttpServer server;

    private FakeCluster() {
    }

    /** Starts the server once and writes the kubeconfig naming it. */
    static synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            started.createContext("/", FakeCluster::answer);
            started.start();
            Files.createDirectories(KUBECONFIG.getParent());
            Files.writeString(KUBECONFIG, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: fake
                        cluster:
                          server: http://127.0.0.1:%d
                    contexts:
                      - name: fake
                        context:
                          cluster: fake
                    current-context: fake
                    users: []
                    """.formatted(started.getAddress().getPort()));
            server = started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Renders {@code rendering} while the cluster holds {@code secrets} (Secret documents) in the release's namespace. */
    static <T> T holding(List<JsonNode> secrets, Supplier<T> rendering) {
        start();
        for (JsonNode secret : secrets) {
            SECRETS.put(ChartUnderTest.NAMESPACE + "/" + secret.path("metadata").path("name").asText(), secret);
        }
        try {
            return rendering.get();
        } finally {
            SECRETS.clear();
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher secret = SECRET.matcher(path);
        if (!"GET".equals(exchange.getRequestMethod())) {
            reply(exchange, 405, status(405, "MethodNotAllowed"));
        } else if (path.equals("/api/v1")) {
            reply(exchange, 200, JSON.readTree("""
                    {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": "v1", "resources": [
                      {"name": "secrets", "singularName": "secret", "namespaced": true, "kind": "Secret", "verbs": ["get"]}]}
                    """));
        } else if (secret.matches() && SECRETS.containsKey(secret.group(1) + "/" + secret.group(2))) {
            ObjectNode found = SECRETS.get(secret.group(1) + "/" + secret.group(2)).deepCopy();
            ((ObjectNode) found.get("metadata")).put("namespace", secret.group(1));
            reply(exchange, 200, found);
        } else {
            reply(exchange, 404, status(404, "NotFound"));
        }
    }

    private static JsonNode status(int code, String reason) {
        return JSON.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("reason", reason).put("code", code).put("message", reason);
    }

    private static void reply(HttpExchange exchange, int code, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
