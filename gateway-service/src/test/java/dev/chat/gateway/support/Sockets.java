package dev.chat.gateway.support;

import dev.chat.stack.testing.SocketClient;
import dev.chat.stack.testing.TestServers;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Opens test sockets to this gateway with tokens the test servers mint. */
public final class Sockets {

    public static final Duration WAIT = Duration.ofSeconds(10);

    private Sockets() {
    }

    public static String url() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return "ws://127.0.0.1:" + port + "/ws";
    }

    /** Connects as {@code device} of {@code user} and waits for the end of catch-up. */
    public static SocketClient connect(TestServers servers, UUID user, String device) {
        SocketClient socket = SocketClient.connect(url(), servers.tokens().mint(user, device, Duration.ofHours(1)));
        socket.next("synced", WAIT);
        return socket;
    }
}
