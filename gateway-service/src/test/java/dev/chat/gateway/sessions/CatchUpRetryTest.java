package dev.chat.gateway.sessions;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.gateway.support.MessageServiceStub;
import dev.chat.gateway.support.Sockets;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.SocketClient;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A connect whose pending messages cannot be loaded keeps its socket, and gets them once they can. */
@QuarkusTest
class CatchUpRetryTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @InjectTestServers
    TestServers servers;

    @Test
    void aFailingCatchUpLeavesTheSocketOpenAndLiveThenPushesWhatItLacksAndSyncs() {
        UUID user = UUID.randomUUID();
        UUID m1 = MessageServiceStub.nextMessageId();
        UUID m2 = MessageServiceStub.nextMessageId();
        MessageServiceStub.pendingFor(user, MessageServiceStub.pageOf(m1, m2), Duration.ZERO);
        MessageServiceStub.failPending(user, Integer.MAX_VALUE);
        double failuresBefore = metric("gateway_catchup_failures_total");

        try (SocketClient socket = SocketClient.connect(Sockets.url(), servers.tokens().mint(user, "phone",
                Duration.ofHours(1)))) {
            JsonNode error = socket.next("error", Sockets.WAIT);
            assertEquals("catch_up_delayed", error.get("code").asText());
            String says = error.get("message").asText();
            assertTrue(says.contains("status 503") && says.contains("stays open"), says);
            assertFalse(says.contains("dev.chat") || says.contains("Exception"), "no internal names: " + says);

            Sockets.deliver(user, m2, "{\"type\":\"message\",\"messageId\":\"" + m2 + "\",\"body\":\"live\"}");
            assertEquals(m2.toString(), socket.next("message", Sockets.WAIT).get("messageId").asText(),
                    "live frames flow while catch-up is retried");
            socket.send(Map.of("type", "send", "id", "c-1", "to", UUID.randomUUID(), "body", "still here"));
            assertEquals("c-1", socket.next("ack", Sockets.WAIT).get("id").asText(), "and the device can send");
            long failedAttempts = MessageServiceStub.pendingRequestsOf(user);

            MessageServiceStub.failPending(user, 0);
            JsonNode late = socket.next(Sockets.WAIT);
            assertEquals(m1.toString(), late.get("messageId").asText(), "the retry pushes only what the socket lacks");
            JsonNode synced = socket.next(Sockets.WAIT);
            assertEquals("synced", synced.get("type").asText());
            assertEquals(2, synced.get("pending").asInt());
            socket.send(Map.of("type", "ping"));
            assertEquals("pong", socket.next(Sockets.WAIT).get("type").asText(), "nothing else was pushed");
            assertTrue(metric("gateway_catchup_failures_total") - failuresBefore >= failedAttempts,
                    "every failed attempt is counted");
        }
    }

    @Test
    void aFirstPageAnsweredAsStillClaimingIsAskedForAgainUntilTheMessagesCome() {
        UUID user = UUID.randomUUID();
        UUID m1 = MessageServiceStub.nextMessageId();
        MessageServiceStub.pendingFor(user, MessageServiceStub.pageOf(m1), Duration.ZERO);
        MessageServiceStub.stillClaiming(user, 3);

        try (SocketClient socket = SocketClient.connect(Sockets.url(), servers.tokens().mint(user, "phone",
                Duration.ofHours(1)))) {
            assertEquals(m1.toString(), socket.next(Sockets.WAIT).get("messageId").asText());
            JsonNode synced = socket.next(Sockets.WAIT);
            assertEquals("synced", synced.get("type").asText());
            assertEquals(1, synced.get("pending").asInt());
        }
        assertEquals(4, MessageServiceStub.pendingRequestsOf(user), "three answers of a claim in progress, then the page");
    }

    private double metric(String name) {
        String scrape = given().get(metrics).then().statusCode(200).extract().asString();
        Matcher value = Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.E+-]+)$").matcher(scrape);
        return value.find() ? Double.parseDouble(value.group(2)) : 0;
    }
}
