package dev.chat.gateway.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chat.common.ids.TimeUuids;
import dev.chat.stack.testing.HttpStub;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Stands in for message-service in the gateway's own tests (the real one runs in system-tests):
 * answers its internal API (each operation of a batch as its own endpoint would), records what the
 * gateway asked (batched operations under their own endpoint's path), and serves pending pages
 * that a test sets up, optionally after a delay.
 */
public final class MessageServiceStub extends HttpStub {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicLong CLOCK = new AtomicLong(System.currentTimeMillis());

    /** What the gateway sent, by path. */
    public static final List<Map.Entry<String, JsonNode>> REQUESTS = new CopyOnWriteArrayList<>();
    private static final Map<UUID, String> PENDING = new ConcurrentHashMap<>();
    private static final Map<UUID, Duration> PENDING_DELAY = new ConcurrentHashMap<>();
    private static final Set<UUID> UNREGISTERED = ConcurrentHashMap.newKeySet();
    private static final Set<UUID> BLOCKING = ConcurrentHashMap.newKeySet();
    private static final Map<UUID, AtomicInteger> PENDING_FAILURES = new ConcurrentHashMap<>();
    private static final Map<UUID, AtomicInteger> STILL_CLAIMING = new ConcurrentHashMap<>();
    private static final AtomicInteger PENDING_IN_FLIGHT = new AtomicInteger();
    private static final AtomicInteger MOST_PENDING_IN_FLIGHT = new AtomicInteger();

    /** The pending page the stub answers for {@code user}'s devices (JSON of a PendingPage). */
    public static void pendingFor(UUID user, String pageJson, Duration delay) {
        PENDING.put(user, pageJson);
        PENDING_DELAY.put(user, delay);
    }

    /** The next {@code times} pending requests for {@code user}'s devices fail with status 503. */
    public static void failPending(UUID user, int times) {
        PENDING_FAILURES.put(user, new AtomicInteger(times));
    }

    /**
     * The next {@code times} first-page requests for {@code user}'s devices answer an empty page
     * with more to come, as message-service does while it is still moving unclaimed messages.
     */
    public static void stillClaiming(UUID user, int times) {
        STILL_CLAIMING.put(user, new AtomicInteger(times));
    }

    /** The most pending requests the stub was answering at once since {@link #resetMostPendingInFlight}. */
    public static int mostPendingInFlight() {
        return MOST_PENDING_IN_FLIGHT.get();
    }

    public static void resetMostPendingInFlight() {
        MOST_PENDING_IN_FLIGHT.set(PENDING_IN_FLIGHT.get());
    }

    /** How many pending requests the stub has had for {@code user}. */
    public static long pendingRequestsOf(UUID user) {
        return REQUESTS.stream().filter(e -> e.getKey().contains("/devices/" + user + "/")).count();
    }

    /** Sends to {@code user} are answered 404, as message-service answers a user id without an account. */
    public static void unregistered(UUID user) {
        UNREGISTERED.add(user);
    }

    /** Typing to {@code user} is refused with {@code blocked}, as message-service refuses it across a block. */
    public static void blocking(UUID user) {
        BLOCKING.add(user);
    }

    /** A last page of pending messages with these ids, for {@link #pendingFor}. */
    public static String pageOf(UUID... ids) {
        return "{\"messages\":[" + Arrays.stream(ids).map(MessageServiceStub::pendingMessage)
                .collect(Collectors.joining(",")) + "],\"more\":false}";
    }

    /** A pending message as message-service lists it. */
    private static String pendingMessage(UUID id) {
        return "{\"messageId\":\"" + id + "\",\"chatId\":\"" + UUID.randomUUID() + "\",\"from\":\"" + UUID.randomUUID()
                + "\",\"body\":\"pending\",\"sentAt\":\"2026-11-24T10:00:00Z\"}";
    }

    /** A new time-based id, later than every one before. */
    public static UUID nextMessageId() {
        return TimeUuids.startOf(Instant.ofEpochMilli(CLOCK.incrementAndGet()));
    }

    public static List<JsonNode> requestsTo(String pathPart) {
        return REQUESTS.stream().filter(e -> e.getKey().contains(pathPart)).map(Map.Entry::getValue).toList();
    }

    private static boolean countDown(Map<UUID, AtomicInteger> counters, UUID user) {
        AtomicInteger left = counters.get(user);
        return left != null && left.getAndDecrement() > 0;
    }

    /** Sends whose client id starts so are refused as message-service refuses another message under a used id (409). */
    public static final String REUSED_ID_PREFIX = "reused-";
    /** A batch holding a send whose client id starts with this is refused whole with 400. */
    public static final String REFUSED_BATCH_ID_PREFIX = "refused-batch-";

    /** The endpoint of each kind of batched operation, under which the stub records it. */
    private static final Map<String, String> OPERATION_PATHS = Map.of("send", "/internal/v1/messages",
            "delivered", "/internal/v1/receipts/delivered", "seen", "/internal/v1/receipts/seen",
            "typing", "/internal/v1/typing");

    /** What message-service answers for one operation of a batch. */
    private static ObjectNode operation(String kind, JsonNode request) {
        ObjectNode result = JSON.createObjectNode();
        if (kind.equals("send") && request.hasNonNull("recipientId")
                && UNREGISTERED.contains(UUID.fromString(request.get("recipientId").asText()))) {
            return result.put("status", 404).put("detail", "no registered user").put("code", "unknown_recipient");
        }
        if (kind.equals("send") && request.path("clientMessageId").asText().startsWith(REUSED_ID_PREFIX)) {
            return result.put("status", 409).put("detail", "send id was used for another message").put("code", "id_reused");
        }
        if (kind.equals("send")) {
            UUID id = nextMessageId();
            result.put("status", 201).putObject("sent").put("messageId", id.toString())
                    .put("chatId", UUID.randomUUID().toString())
                    .put("sentAt", TimeUuids.instantOf(id).toString()).put("duplicate", false);
            return result;
        }
        if (kind.equals("delivered")) {
            result.put("status", 200).set("delivered", request.get("messageIds"));
            return result;
        }
        if (kind.equals("typing") && BLOCKING.contains(UUID.fromString(request.get("toUserId").asText()))) {
            return result.put("status", 403).put("detail", "this user does not accept your messages").put("code", "blocked");
        }
        return result.put("status", 204);
    }

    @Override
    protected String internalService() {
        return "message-service";
    }

    @Override
    protected String urlProperty() {
        return "quarkus.rest-client.message-service.url";
    }

    @Override
    protected void handle(HttpServerRequest request, Buffer body) {
        String path = request.path();
        try {
            JsonNode json = body.length() == 0 ? JSON.createObjectNode() : JSON.readTree(body.toString());
            REQUESTS.add(Map.entry(path, json));
            if (path.endsWith("/pending")) {
                UUID user = UUID.fromString(path.split("/")[4]);
                if (countDown(PENDING_FAILURES, user)) {
                    respond(request, 503, "{\"status\":503,\"detail\":\"unavailable\"}");
                    return;
                }
                if (request.getParam("after") == null && countDown(STILL_CLAIMING, user)) {
                    respond(request, 200, "{\"messages\":[],\"more\":true}");
                    return;
                }
                String page = request.getParam("after") == null
                        ? PENDING.getOrDefault(user, "{\"messages\":[],\"more\":false}")
                        : "{\"messages\":[],\"more\":false}";
                long delay = PENDING_DELAY.getOrDefault(user, Duration.ZERO).toMillis();
                MOST_PENDING_IN_FLIGHT.accumulateAndGet(PENDING_IN_FLIGHT.incrementAndGet(), Math::max);
                later(delay, () -> {
                    PENDING_IN_FLIGHT.decrementAndGet();
                    respond(request, 200, page);
                });
            } else if (path.endsWith("/batches")) {
                if (json.get("operations").findValuesAsText("clientMessageId").stream()
                        .anyMatch(id -> id.startsWith(REFUSED_BATCH_ID_PREFIX))) {
                    respond(request, 400, "{\"status\":400,\"title\":\"Bad Request\",\"detail\":\"the request body is not valid\"}");
                    return;
                }
                ArrayNode results = JSON.createArrayNode();
                for (JsonNode operation : json.get("operations")) {
                    String kind = operation.fieldNames().next();
                    REQUESTS.add(Map.entry(OPERATION_PATHS.get(kind), operation.get(kind)));
                    results.add(operation(kind, operation.get(kind)));
                }
                respond(request, 200, JSON.createObjectNode().set("results", results).toString());
            } else {
                respond(request, 204, null);
            }
        } catch (Exception e) {
            respond(request, 500, null);
        }
    }
}
