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
     * Default: 127.0.0.1 and the internal (HTTPS) port.
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

        /**
         * The most characters of message bodies in one batch. A batch's time at message-service
         * grows with its bodies, and a batch not answered within the read timeout (5 s) fails
         * whole; this keeps a burst of long messages from making such a batch. A send whose body
         * is longer goes in a batch of its own.
         */
        @WithDefault("65536")
        int batchBodyChars();

        /**
         * The most batches in flight at once. A further batch leaves beside those in flight only
         * when each of them has been out for longer than {@link #batchOvertake()}; otherwise
         * operations wait for the batch in flight to be answered and then leave together. One batch
         * at a time is what measured best (docs/benchmarks.md, issue 16 fourth pass): fewer, larger
         * exchanges leave the CPU to the work itself.
         */
        @WithDefault("4")
        int batchesInFlight();

        /**
         * How long the batches in flight may be out before waiting operations overtake them in a
         * batch of their own: a slow batch (a large group's fan-out, a paused instance) holds the
         * other sockets' operations for at most this long.
         */
        @WithDefault("200ms")
        Duration batchOvertake();

        /**
         * The longest a send waits in this gateway for its batch to leave. One that waited longer is
         * answered {@code unavailable} without being sent, so a burst message-service cannot absorb
         * (or a pause of it) is refused early and cheaply instead of queueing for tens of seconds:
         * the client resends after backing off (docs/protocol.md). Well above a batch's round trip
         * under load (tens of milliseconds), so only overload reaches it.
         */
        @WithDefault("2s")
        Duration sendWaitLimit();
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

    /**
     * Over how long the sockets are closed when the instance shuts down. Its default, 10 s, is in
     * application.properties: Quarkus' shutdown delay ({@code quarkus.shutdown.delay}) follows it.
     */
    Duration drainWindow();
}
