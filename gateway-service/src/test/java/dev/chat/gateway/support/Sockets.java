package dev.chat.gateway.support;

import static io.restassured.RestAssured.given;

import dev.chat.stack.testing.InternalApi;
import dev.chat.stack.testing.SocketClient;
import dev.chat.stack.testing.TestServers;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/** Opens test sockets to this gateway with tokens the test servers mint, and hands it frames. */
public final class Sockets {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private Sockets() {
    }

    public static String url() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return "ws://127.0.0.1:" + port + "/ws";
    }

    /** Hands a frame for {@code user} to this gateway as delivery-service does. */
    public static void deliver(UUID user, UUID messageId, String frame) {
        deliver(user, messageId, null, frame);
    }

    /** Hands a frame of a message of {@code chatId} for {@code user} to this gateway as delivery-service does. */
    public static void deliver(UUID user, UUID messageId, UUID chatId, String frame) {
        handOff(delivery(user, messageId, chatId, frame));
    }

    /** Hands frames of messages of {@code chatId} for {@code user} to this gateway in one request, in order. */
    public static void deliverAll(UUID user, UUID chatId, List<UUID> messageIds, Function<UUID, String> frame) {
        handOff(messageIds.stream().map(id -> delivery(user, id, chatId, frame.apply(id))).collect(Collectors.joining(",")));
    }

    private static void handOff(String deliveries) {
        InternalApi.as("delivery-service").contentType(ContentType.JSON).body("{\"deliveries\":[" + deliveries + "]}")
                .post("/internal/v1/deliveries").then().statusCode(200);
    }

    /** One delivery of the hand-off body, as delivery-service writes it. */
    private static String delivery(UUID user, UUID messageId, UUID chatId, String frame) {
        return "{\"userIds\":[\"" + user + "\"],\"messageId\":" + (messageId == null ? "null" : "\"" + messageId + "\"")
                + ",\"chatId\":" + (chatId == null ? "null" : "\"" + chatId + "\"") + ",\"frame\":" + quoted(frame) + "}";
    }

    /** {@code json} as a JSON string. */
    public static String quoted(String json) {
        return "\"" + json.replace("\"", "\\\"") + "\"";
    }

    /** Connects as {@code device} of {@code user} and waits for the end of catch-up. */
    public static SocketClient connect(TestServers servers, UUID user, String device) {
        SocketClient socket = SocketClient.connect(url(), servers.tokens().mint(user, device, Duration.ofHours(1)));
        socket.next("synced", WAIT);
        return socket;
    }
}
