package dev.chat.gateway.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.gateway.support.MessageServiceStub;
import dev.chat.gateway.support.Sockets;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.ManagementPort;
import dev.chat.stack.testing.SocketClient;
import dev.chat.stack.testing.TestServers;
import dev.chat.stack.tokens.DevTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HandshakeTest {

    @TestHTTPResource(value = "/openapi", management = true)
    URL openapi;

    /** {@code %test.chat.gateway.connects-in-progress}. */
    private static final int CONNECTS_IN_PROGRESS = 8;

    @InjectTestServers
    TestServers servers;

    @Test
    void aHandshakeWithoutAValidTokenIsRefused() {
        assertEquals(401, SocketClient.handshakeStatus(Sockets.url(), null));
        assertEquals(401, SocketClient.handshakeStatus(Sockets.url(), "Bearer not-a-token"));
        String foreign = DevTokens.generate().mint(UUID.randomUUID(), "phone", Duration.ofHours(1));
        assertEquals(401, SocketClient.handshakeStatus(Sockets.url(), "Bearer " + foreign));
    }

    @Test
    void aValidTokenInTheHeaderOrTheQueryOpensTheSocket() {
        UUID user = UUID.randomUUID();
        String token = servers.tokens().mint(user, "phone", Duration.ofHours(1));
        assertEquals(101, SocketClient.handshakeStatus(Sockets.url(), "Bearer " + token));
        try (SocketClient viaQuery = SocketClient.connect(Sockets.url() + "?access_token=" + token, null)) {
            assertEquals("synced", viaQuery.next(Sockets.WAIT).get("type").asText());
        }
    }

    @Test
    void theApiIsDescribedOnTheManagementPortAndQIsNotServedOnThePublicPort() {
        ManagementPort.assertNotServedOnThePublicPort();
        given().accept("application/json").get(openapi).then().statusCode(200)
                .body("paths.keySet()", hasItem("/internal/v1/deliveries"));
    }

    @Test
    void aHandshakeBeyondTheConnectsInProgressIsRefusedWith503AndARetryHint() throws Exception {
        List<SocketClient> connecting = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTS_IN_PROGRESS; i++) { // each held in its catch-up for a few seconds
                UUID user = UUID.randomUUID();
                MessageServiceStub.pendingFor(user, MessageServiceStub.pageOf(), Duration.ofSeconds(4));
                connecting.add(SocketClient.connect(Sockets.url(), servers.tokens().mint(user, "phone", Duration.ofHours(1))));
            }
            String token = servers.tokens().mint(UUID.randomUUID(), "phone", Duration.ofHours(1));

            List<String> refused = rawHandshake(token);
            assertEquals("HTTP/1.1 503 Service Unavailable", refused.get(0));
            assertTrue(refused.stream().anyMatch(h -> h.equalsIgnoreCase("retry-after: 1")), refused.toString());

            connecting.forEach(socket -> socket.next("synced", Sockets.WAIT));
            assertEquals(101, SocketClient.handshakeStatus(Sockets.url(), "Bearer " + token), "admitted once they synced");
        } finally {
            connecting.forEach(SocketClient::close);
        }
    }

    /** The status line and headers of a handshake's answer. */
    private static List<String> rawHandshake(String token) throws Exception {
        URI url = URI.create(Sockets.url());
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET " + url.getPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            BufferedReader answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            List<String> lines = new ArrayList<>();
            for (String line = answer.readLine(); line != null && !line.isEmpty(); line = answer.readLine()) {
                lines.add(line);
            }
            return lines;
        }
    }
}
