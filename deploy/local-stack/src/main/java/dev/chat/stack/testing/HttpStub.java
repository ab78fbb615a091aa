package dev.chat.stack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in of another service's HTTP API for one module's tests, on a free loopback port: the
 * service under test is pointed at it through {@link #urlProperty}. The real service answers in
 * system-tests; a stub only lets one service be tested without starting the others.
 *
 * <p>A stub of an internal API ({@link #internalService} not null) answers as that service's
 * internal port does: HTTPS with its test certificate, callers' certificates required.
 */
public abstract class HttpStub implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private HttpServer server;

    /** The configuration property that holds the stubbed service's base URL. */
    protected abstract String urlProperty();

    /** The service whose internal port this stub stands in for, or null for a plain HTTP API. */
    protected String internalService() {
        return null;
    }

    /** Answers one request whose whole body has arrived. */
    protected abstract void handle(HttpServerRequest request, Buffer body);

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            server = vertx.createHttpServer(options())
                    .requestHandler(request -> request.body().onSuccess(body -> handle(request, body)))
                    .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the stub's HTTP server did not start", e);
        }
        return Map.of(urlProperty(), (internalService() == null ? "http" : "https") + "://127.0.0.1:" + server.actualPort());
    }

    private HttpServerOptions options() {
        return internalService() == null ? new HttpServerOptions() : InternalApi.serverOptions(internalService());
    }

    /** Runs {@code action} on the stub's event loop after {@code delayMillis}. */
    protected void later(long delayMillis, Runnable action) {
        vertx.setTimer(Math.max(1, delayMillis), timer -> action.run());
    }

    protected static void respond(HttpServerRequest request, int status, String json) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json");
        if (json == null) {
            request.response().end();
        } else {
            request.response().end(json);
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
