package dev.chat.gateway.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.gateway.support.Sockets;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.SocketClient;
import dev.chat.stack.testing.TestServers;
import dev.chat.stack.tokens.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HandshakeTest {

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
    void theApiIsDescribedAtQOpenapi() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItem("/internal/v1/deliveries"));
    }
}
