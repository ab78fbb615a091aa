package dev.chat.delivery.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chat.common.internal.DeliveryBatch.Delivery;
import dev.chat.routing.GatewayStatus;
import dev.chat.stack.testing.InternalApi;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hand-offs against real Vert.x HTTP servers: their size, and which failures mean the gateway, and its sockets, are gone. */
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

    @Test
    void aLargeHandOffTravelsInRequestsOfBoundedSizeInItsOrder() throws Exception {
        List<List<String>> requests = new CopyOnWriteArrayList<>();
        HttpServer gateway = vertx.createHttpServer(InternalApi.serverOptions("gateway-service")).requestHandler(request -> request.body().onSuccess(body -> {
            requests.add(body.toJsonObject().getJsonArray("deliveries").stream()
                    .map(d -> ((JsonObject) d).getString("frame")).toList());
            request.response().setStatusCode(200).end("{\"pushed\":0}");
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        GatewayDispatcher dispatcher = new GatewayDispatcher(null, null, new io.vertx.mutiny.core.Vertx(vertx),
                new SimpleMeterRegistry(), InternalApi.certificateOf("delivery-service"), InternalApi.authority());
        int frames = 2 * GatewayDispatcher.FRAMES_PER_REQUEST + 7;
        List<Delivery> batch = IntStream.range(0, frames)
                .mapToObj(i -> new Delivery(List.of(UUID.randomUUID()), "frame-" + i)).toList();

        dispatcher.handOff("g-1", new GatewayStatus("127.0.0.1:" + gateway.actualPort(), true), batch)
                .await().atMost(Duration.ofSeconds(10));

        assertEquals(List.of(GatewayDispatcher.FRAMES_PER_REQUEST, GatewayDispatcher.FRAMES_PER_REQUEST, 7),
                requests.stream().map(List::size).toList());
        assertEquals(batch.stream().map(Delivery::frame).toList(), requests.stream().flatMap(List::stream).toList(),
                "every frame once, in the batch's order");
    }

    @Test
    void handOffsUseBoringSslWhereItLoads() {
        assumeTrue("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch")),
                "the service ships BoringSSL for linux-x86_64 only");
        assertInstanceOf(OpenSSLEngineOptions.class, GatewayDispatcher.internalPort(InternalApi.certificateOf("delivery-service"),
                InternalApi.authority()).getSslEngineOptions());
    }

    @Test
    void aGatewayOnBoringSslSeesTheCallersCertificate() throws Exception {
        assumeTrue(OpenSSLEngineOptions.isAvailable(), "BoringSSL did not load here");
        CompletableFuture<String> caller = new CompletableFuture<>();
        HttpServer gateway = vertx.createHttpServer(InternalApi.serverOptions("gateway-service")
                .setSslEngineOptions(new OpenSSLEngineOptions())).requestHandler(request -> {
                    try {
                        caller.complete(((X509Certificate) request.connection().peerCertificates().get(0))
                                .getSubjectX500Principal().getName());
                    } catch (Exception e) {
                        caller.completeExceptionally(e);
                    }
                    request.response().setStatusCode(200).end("{\"pushed\":1}");
                }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        GatewayDispatcher dispatcher = new GatewayDispatcher(null, null, new io.vertx.mutiny.core.Vertx(vertx),
                new SimpleMeterRegistry(), InternalApi.certificateOf("delivery-service"), InternalApi.authority());

        dispatcher.handOff("g-1", new GatewayStatus("127.0.0.1:" + gateway.actualPort(), true),
                List.of(new Delivery(List.of(UUID.randomUUID()), "frame"))).await().atMost(Duration.ofSeconds(10));

        assertTrue(caller.get(10, TimeUnit.SECONDS).contains("CN=delivery-service"), "the caller's name, which the guard admits by");
    }

    private Throwable failureOf(String url) throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        http.postAbs(url).timeout(300).send().onComplete(result -> failure.complete(result.cause()));
        Throwable cause = failure.get(10, TimeUnit.SECONDS);
        assertTrue(cause != null, "the request should have failed");
        return cause;
    }
}
