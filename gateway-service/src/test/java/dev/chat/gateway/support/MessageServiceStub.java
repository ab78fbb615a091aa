package dev.chat.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chat.common.ids.TimeUuids;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for message-service in the gateway's own tests (the real one runs in system-tests):
 * answers its internal API, records what the gateway asked, and serves pending pages that a test
 * sets up, optionally after a delay.
 */
public final class MessageServiceStub implements QuarkusTestResourceLifecycleManager {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong CLOCK = new AtomicLong(System.currentTimeMillis());

    /** What the gateway sent, by path. */
    public static final List<Map.Entry<String, JsonNode>> REQUESTS = new CopyOnWriteArrayList<>();
    private static final Map<UUID, String> PENDING = new ConcurrentHashMap<>();
    private static final Map<UUID, Duration> PENDING_DELAY = new ConcurrentHashMap<>();

    private Vertx vertx;
    private HttpServer server;

    /** The pending page the stub answers for {@code user}'s devices (JSON of a PendingPage). */
    public static void pendingFor(UUID user, String pageJson, Duration delay) {
        PENDING.put(user, pageJson);
        PENDING_DELAY.put(user, delay);
    }

    /** A new time-based id, later than every one before. */
    public static UUID nextMessageId() {
        return TimeUuids.startOf(Instant.ofEpochMilli(CLOCK.incrementAndGet()));
    }

    public static List<JsonNode> requestsTo(String pathPart) {
        return REQUESTS.stream().filter(e -> e.getKey().contains(pathPart)).map(Map.Entry::getValue).toList();
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("quarkus.rest-client.message-service.url", "http://127.0.0.1:" + server.actualPort());
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            String path = request.path();
            try {
                JsonNode json = body.length() == 0 ? JSON.createObjectNode() : JSON.readTree(body.toString());
                REQUESTS.add(Map.entry(path, json));
                if (path.endsWith("/pending")) {
                    UUID user = UUID.fromString(path.split("/")[4]);
                    String page = request.getParam("after") == null
                            ? PENDING.getOrDefault(user, "{\"messages\":[],\"more\":false}")
                            : "{\"messages\":[],\"more\":false}";
                    long delay = PENDING_DELAY.getOrDefault(user, Duration.ZERO).toMillis();
                    vertx.setTimer(Math.max(1, delay), t -> respond(request, 200, page));
                } else if (path.endsWith("/messages")) {
                    UUID id = nextMessageId();
                    ObjectNode answer = JSON.createObjectNode().put("messageId", id.toString())
                            .put("chatId", UUID.randomUUID().toString())
                            .put("sentAt", TimeUuids.instantOf(id).toString()).put("duplicate", false);
                    respond(request, 201, answer.toString());
                } else if (path.endsWith("/delivered")) {
                    respond(request, 200, json.get("messageIds").toString());
                } else {
                    respond(request, 204, null);
                }
            } catch (Exception e) {
                respond(request, 500, null);
            }
        });
    }

    private static void respond(HttpServerRequest request, int status, String body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (body == null) {
            request.response().end();
        } else {
            request.response().end(body);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
        if (vertx != null) {
            vertx.close();
        }
    }
}
