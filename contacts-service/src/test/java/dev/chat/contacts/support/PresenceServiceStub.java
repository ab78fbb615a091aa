package dev.chat.contacts.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chat.stack.testing.HttpStub;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in of presence-service's batch lookup for this module's tests (the real one answers in
 * system-tests): the users marked {@link #online} are online, everyone else was last seen at
 * {@link #LAST_SEEN}, except those marked {@link #hidden}, who hide their presence from the caller;
 * while {@link #failing} it answers 503.
 */
public final class PresenceServiceStub extends HttpStub {

    public static final Instant LAST_SEEN = Instant.parse("2026-01-02T03:04:05Z");
    /** The Authorization header of every lookup, in order. */
    public static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<UUID> ONLINE = ConcurrentHashMap.newKeySet();
    private static final Set<UUID> HIDDEN = ConcurrentHashMap.newKeySet();
    private static volatile boolean failing;

    public static void online(UUID user) {
        ONLINE.add(user);
    }

    /** The user hides their presence (as presence-service answers for a privacy setting or a block). */
    public static void hidden(UUID user) {
        HIDDEN.add(user);
    }

    public static void failing(boolean failing) {
        PresenceServiceStub.failing = failing;
    }

    @Override
    protected String urlProperty() {
        return "quarkus.rest-client.presence-service.url";
    }

    @Override
    protected void handle(HttpServerRequest request, Buffer body) {
        AUTHORIZATIONS.add(String.valueOf(request.getHeader("Authorization")));
        if (failing || !request.path().equals("/v1/presence/lookup")) {
            respond(request, failing ? 503 : 404, null);
            return;
        }
        try {
            ArrayNode users = JSON.createArrayNode();
            for (JsonNode id : JSON.readTree(body.toString()).get("userIds")) {
                boolean hidden = HIDDEN.contains(UUID.fromString(id.asText()));
                boolean online = !hidden && ONLINE.contains(UUID.fromString(id.asText()));
                ObjectNode user = users.addObject().put("userId", id.asText()).put("online", online)
                        .put("devices", online ? 1 : 0).put("visible", !hidden);
                user.put("lastSeen", online || hidden ? null : LAST_SEEN.toString());
            }
            respond(request, 200, JSON.createObjectNode().set("users", users).toString());
        } catch (Exception e) {
            respond(request, 500, null);
        }
    }
}
