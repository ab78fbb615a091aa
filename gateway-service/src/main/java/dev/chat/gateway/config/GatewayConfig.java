package dev.chat.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of one gateway instance ({@code chat.gateway.*}). */
@ConfigMapping(prefix = "chat.gateway")
public interface GatewayConfig {

    /**
     * This instance's id in the routes. Default: the host name (the pod name on Kubernetes) plus a
     * random suffix, so that a restarted instance never inherits the routes of its predecessor.
     */
    Optional<String> instanceId();

    /**
     * {@code host:port} at which delivery-service reaches this instance; on Kubernetes the pod IP.
     * Default: 127.0.0.1 and the HTTP port.
     */
    Optional<String> advertisedAddress();

    /** How often the instance renews its liveness key in Redis. */
    @WithDefault("5s")
    Duration heartbeatInterval();

    /** How long the liveness key lives without renewal; a crashed instance's routes go stale after it. */
    @WithDefault("15s")
    Duration heartbeatTtl();

    /**
     * How long a user's routes live without being renewed. Long against the renewal interval on
     * purpose: renewals wait in the gateway's Redis queue, which under a reconnect storm held
     * commands for up to two minutes (docs/benchmarks.md), and a route that expires under a
     * connected device makes its messages wait for its next connection. Routes of a dead instance
     * do not need the expiry to stop counting: readers drop them as soon as the instance is gone.
     */
    @WithDefault("10m")
    Duration routeTtl();

    /** How often every open socket's route is renewed; also how soon routes come back after Redis lost them. */
    @WithDefault("30s")
    Duration routeRenewalInterval();

    /**
     * How long after a failed catch-up (the device's pending messages could not be loaded) it is
     * tried again; each further failure doubles the wait, up to {@link #catchUpRetryMaxInterval}.
     * The socket stays open and live meanwhile (docs/protocol.md).
     */
    @WithDefault("1s")
    Duration catchUpRetryInterval();

    /** The longest wait between two attempts of a failing catch-up. */
    @WithDefault("30s")
    Duration catchUpRetryMaxInterval();

    /** How this instance's operations travel to message-service (OperationBatcher). */
    MessageService messageService();

    /** Settings of the batches to message-service ({@code chat.gateway.message-service.*}). */
    interface MessageService {

        /** The most operations (sends, receipts, typing) in one batch. */
        @WithDefault("256")
        int batchSize();

        /** Batches in flight at once; further operations wait for the next batch. */
        @WithDefault("4")
        int batchesInFlight();
    }

    /**
     * How many verified tokens this instance remembers (by their SHA-256) so that a device
     * reconnecting with the same token pays no signature check. An expired one is never used: it is
     * dropped when next looked up, or earlier when room is needed (least recently used first).
     * About one per socket is enough.
     */
    @WithDefault("20000")
    int verifiedTokens();

    /**
     * How many sockets may be connecting at once: from an admitted handshake until the socket's
     * catch-up has ended (or it closed). Beyond it handshakes are refused with 503 and
     * {@code Retry-After}, so the connects already taken finish first (ConnectAdmission).
     */
    @WithDefault("1000")
    int connectsInProgress();

    /** Over how long the sockets are closed when the instance shuts down. */
    @WithDefault("10s")
    Duration drainWindow();
}
