package dev.chat.web.proxy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One small HTTP server per service, each answering with its own name, the gateway's also an echo
 * WebSocket; the first gateway instance listed is a port nothing listens on (a stopped gateway).
 */
public class FakeUpstreams implements QuarkusTestResourceLifecycleManager {

    /** How many sockets to the fake gateways have closed. */
    static final java.util.concurrent.atomic.AtomicInteger CLOSED_SOCKETS = new java.util.concurrent.atomic.AtomicInteger();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (String service : new String[] {"gateway", "message", "presence", "inbox", "contacts"}) {
            HttpServer server = vertx.createHttpServer()
                    .webSocketHandler(socket -> {
                        socket.textMessageHandler(text -> socket.writeTextMessage(service + ":" + text));
                        socket.closeHandler(closed -> CLOSED_SOCKETS.incrementAndGet());
                    })
                    .requestHandler(request -> request.body().onSuccess(body -> request.response()
                            .putHeader("content-type", "text/plain")
                            .end(service + " " + request.method() + " " + request.uri() + " " + body
                                    + " " + request.getHeader("Authorization"))));
            int port = await(server.listen(0, "127.0.0.1")).actualPort();
            String instances = "127.0.0.1:" + port;
            if (service.equals("gateway")) {
                instances = "127.0.0.1:" + closedPort() + "," + instances;
            }
            config.put("chat.web.proxy." + service, instances);
        }
        return config;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (vertx != null) {
            await(vertx.close());
        }
    }
}
