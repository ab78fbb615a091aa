package dev.chat.load.client;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens sockets to the gateways under test. Sockets are spread over the given loopback source
 * addresses (127.0.0.2, 127.0.0.3, …): one source address has about 28,000 ephemeral ports, so a
 * run beyond that needs several. All sockets share one Vert.x instance with a small number of
 * event loops, so that the load tool takes as little of the machine as it can.
 */
public final class Gateways implements AutoCloseable {

    private final Vertx vertx;
    private final List<URI> gateways;
    private final List<WebSocketClient> clients = new ArrayList<>();
    private final AtomicInteger nextClient = new AtomicInteger();

    public Gateways(List<URI> gateways, List<String> sourceAddresses, int eventLoops) {
        if (gateways.isEmpty()) {
            throw new IllegalArgumentException("at least one gateway URL is needed");
        }
        this.gateways = List.copyOf(gateways);
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops).setWorkerPoolSize(2));
        for (String source : sourceAddresses.isEmpty() ? List.of("") : sourceAddresses) {
            WebSocketClientOptions options = new WebSocketClientOptions()
                    .setConnectTimeout(15_000)
                    .setMaxConnections(1_000_000)
                    .setMaxFrameSize(65_536)
                    .setTryUsePerMessageCompression(false);
            if (!source.isBlank()) {
                options.setLocalAddress(source);
            }
            clients.add(vertx.createWebSocketClient(options));
        }
    }

    public int count() {
        return gateways.size();
    }

    public Vertx vertx() {
        return vertx;
    }

    /** Opens a socket for {@code user} to gateway {@code gateway} (0-based), with its token. */
    public Future<WebSocket> open(ChatUser user, int gateway) {
        return nextClient().connect(target(gateway).addHeader("Authorization", "Bearer " + user.token()));
    }

    /**
     * Opens a socket to gateway {@code gateway} (0-based) that asks for the WebSocket
     * sub-protocol {@code subProtocol} and carries no token: protocols that authenticate inside
     * the socket (XMPP) use this.
     */
    public Future<WebSocket> open(int gateway, String subProtocol) {
        return nextClient().connect(target(gateway).addSubProtocol(subProtocol));
    }

    private WebSocketConnectOptions target(int gateway) {
        URI uri = gateways.get(Math.floorMod(gateway, gateways.size()));
        return new WebSocketConnectOptions()
                .setHost(uri.getHost())
                .setPort(uri.getPort() > 0 ? uri.getPort() : 80)
                .setURI(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/ws" : uri.getRawPath());
    }

    private WebSocketClient nextClient() {
        return clients.get(Math.floorMod(nextClient.getAndIncrement(), clients.size()));
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
