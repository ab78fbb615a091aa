package dev.chat.delivery.dispatch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which hand-off failures mean the gateway, and its sockets, are gone: real Vert.x HTTP failures. */
class GatewayDispatcherTest {

    private Vertx vertx;
    private WebClient http;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        http = WebClient.create(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        http.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aGatewayThatRefusesTheConnectionIsGone() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        assertFalse(GatewayDispatcher.gatewayStillThere(failureOf("http://127.0.0.1:" + closedPort + "/internal/v1/deliveries")));
    }

    @Test
    void aGatewayThatDoesNotAnswerInTimeIsStillThere() throws Exception {
        HttpServer silent = vertx.createHttpServer().requestHandler(request -> { })
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertTrue(GatewayDispatcher.gatewayStillThere(
                failureOf("http://127.0.0.1:" + silent.actualPort() + "/internal/v1/deliveries")));
    }

    private Throwable failureOf(String url) throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        http.postAbs(url).timeout(300).send().onComplete(result -> failure.complete(result.cause()));
        Throwable cause = failure.get(10, TimeUnit.SECONDS);
        assertTrue(cause != null, "the request should have failed");
        return cause;
    }
}
