package dev.chat.delivery.dispatch;

import dev.chat.common.internal.DeliveryBatch.Delivery;
import dev.chat.common.internal.DeliveryBatch;
import dev.chat.delivery.routing.GatewayRegistry;
import dev.chat.delivery.routing.RouteDirectory.UserRoutes;
import dev.chat.delivery.routing.RouteDirectory;
import dev.chat.routing.GatewayStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import dev.chat.support.internal.InternalTlsEngine;
import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.Json;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Hands frames to the gateway instances that hold the target users' sockets: per gateway per poll,
 * one HTTP request per {@value #FRAMES_PER_REQUEST} recipients, one after another in the poll's
 * order (so each user's frames, and each chat's, keep their order; {@link HandOffPlan}). A frame
 * for many users travels once per request, with the users it is for.
 *
 * <p>Guarantees. A gateway is handed frames while it is there by its Redis keys, even when its
 * heartbeat is late ({@link GatewayRegistry}). A gateway that cannot be connected to (refused,
 * unreachable, or no connection within a second) is gone, and so are its sockets: its hand-off is
 * given up at once, it is marked gone so that its routes are dropped, and each of its devices gets
 * the message from its pending rows when it reconnects elsewhere. A gateway that is
 * there but fails or is slow to answer (overloaded, or answering 5xx) still holds its sockets,
 * whose devices will not reconnect: its hand-off is retried with back-off for up to
 * {@link #RETRY_WINDOW}, holding the batch (so the partition and the chat's order) meanwhile. A
 * retry after a timeout may hand a frame over twice; clients de-duplicate by message id
 * (docs/protocol.md). Only a gateway failing for longer than the window leaves a connected device
 * without a message until it reconnects; the hand-off is then logged and counted as failed.
 * Receipts and typing frames given up are dropped (a receipt's state is stored with the message
 * and can be read back).
 */
@ApplicationScoped
public class GatewayDispatcher {

    private static final Logger LOG = Logger.getLogger(GatewayDispatcher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** The TLS registry's configuration holding this service's certificate (application.properties). */
    static final String INTERNAL_TLS = "internal";
    /**
     * The most frames in one request to a gateway: a burst (a poll of group messages, each fanned
     * out to every member) once made one request of 51,456 frames, which no gateway answered within
     * {@link #TIMEOUT}, so it was retried until given up.
     */
    static final int FRAMES_PER_REQUEST = 500;
    /** How long a hand-off to a gateway that is there but failing is retried. */
    static final Duration RETRY_WINDOW = Duration.ofSeconds(30);

    private final RouteDirectory routes;
    private final GatewayRegistry gateways;
    private final WebClient http;
    private final Counter online;
    private final Counter offline;
    private final Counter handedOff;
    private final Counter failed;
    private final Counter toLateGateways;
    private final Timer requestTime;
    private final DistributionSummary framesPerRequest;

    @Inject
    public GatewayDispatcher(RouteDirectory routes, GatewayRegistry gateways, Vertx vertx, MeterRegistry registry,
            TlsConfigurationRegistry certificates) {
        this(routes, gateways, vertx, registry, certificates.get(INTERNAL_TLS)
                .orElseThrow(() -> new IllegalStateException("no TLS configuration named " + INTERNAL_TLS)));
    }

    private GatewayDispatcher(RouteDirectory routes, GatewayRegistry gateways, Vertx vertx, MeterRegistry registry,
            TlsConfiguration tls) {
        this(routes, gateways, vertx, registry, tls.getKeyStoreOptions(), tls.getTrustStoreOptions());
    }

    /** With this service's certificate and the authority it trusts. */
    GatewayDispatcher(RouteDirectory routes, GatewayRegistry gateways, Vertx vertx, MeterRegistry registry,
            KeyCertOptions certificate, TrustOptions authority) {
        this.routes = routes;
        this.gateways = gateways;
        this.http = WebClient.create(vertx, internalPort(certificate, authority));
        LOG.infof("gateway hand-offs: TLS by %s", InternalTlsEngine.description());
        this.online = Counter.builder("delivery.recipients").tag("state", "online")
                .description("Frames whose user had a connected device").register(registry);
        this.offline = Counter.builder("delivery.recipients").tag("state", "offline")
                .description("Frames whose user had no connected device (messages stay pending)").register(registry);
        this.handedOff = Counter.builder("delivery.handoffs").tag("outcome", "ok").register(registry);
        this.failed = Counter.builder("delivery.handoffs").tag("outcome", "failed").register(registry);
        this.toLateGateways = Counter.builder("delivery.late.gateway.handoffs")
                .description("Hand-offs to a gateway whose heartbeat had lapsed (overloaded, or dead and not yet found so)")
                .register(registry);
        this.requestTime = Timer.builder("delivery.handoff.requests")
                .description("Time of one hand-off request to a gateway, until its answer (retries apart)")
                .publishPercentiles(0.5, 0.99).register(registry);
        this.framesPerRequest = DistributionSummary.builder("delivery.handoff.request.frames")
                .description("Frames in one hand-off request").register(registry);
    }

    /**
     * Gateways' internal ports, with this service's certificate. Their chain is verified against
     * the suite's authority; their host name is not, since gateways are reached by pod address,
     * which no certificate can name in advance (docs/security.md). TLS is by {@link InternalTlsEngine}'s engine.
     */
    static WebClientOptions internalPort(KeyCertOptions certificate, TrustOptions authority) {
        return new WebClientOptions().setKeepAlive(true).setMaxPoolSize(8).setConnectTimeout(1000).setIdleTimeout(60)
                .setSsl(true).setSslEngineOptions(InternalTlsEngine.options())
                .setVerifyHost(false).setKeyCertOptions(certificate).setTrustOptions(authority);
    }

    /** Routes and hands off every delivery; completes when every gateway answered or was given up. */
    public Uni<Void> dispatch(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<UUID> users = new LinkedHashSet<>();
        deliveries.forEach(d -> users.addAll(d.userIds()));
        // Redis unavailable: retry for about two minutes, holding the partition (order is kept and
        // nothing is skipped); then fail, which stops the channel so the instance is restarted.
        return routes.routesOf(users)
                .onFailure().invoke(e -> LOG.warnf("Route lookup failed, retrying: %s", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(30)
                .chain(routesByUser -> handOffAll(deliveries, routesByUser));
    }

    private Uni<Void> handOffAll(List<Delivery> deliveries, Map<UUID, UserRoutes> routesByUser) {
        Map<String, GatewayStatus> targets = new LinkedHashMap<>();
        // A user's gateways are worked out once per poll, however many of its frames name the user.
        Map<UUID, Set<String>> gatewaysByUser = new HashMap<>();
        Map<String, List<Delivery>> byGateway = HandOffPlan.byGateway(deliveries, user -> {
            UserRoutes userRoutes = routesByUser.get(user);
            if (userRoutes == null || !userRoutes.online()) {
                offline.increment();
                return List.of();
            }
            online.increment();
            return gatewaysByUser.computeIfAbsent(user, u -> gatewaysOf(userRoutes, targets));
        });
        List<Uni<Void>> handoffs = new ArrayList<>();
        byGateway.forEach((gateway, batch) -> handoffs.add(handOff(gateway, targets.get(gateway), batch)));
        return handoffs.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(handoffs).andCollectFailures().replaceWithVoid();
    }

    /** The gateways holding the user's devices, each noted in {@code targets} with its status. */
    private static Set<String> gatewaysOf(UserRoutes userRoutes, Map<String, GatewayStatus> targets) {
        Set<String> gateways = new LinkedHashSet<>();
        userRoutes.devices().forEach(device -> gateways.add(device.gatewayId()));
        gateways.forEach(gateway -> targets.put(gateway, userRoutes.gateways().get(gateway)));
        return gateways;
    }

    /**
     * Hands one gateway its frames in requests of at most {@link #FRAMES_PER_REQUEST} recipients,
     * one after another, so the frames keep their order; a request that fails after its retries
     * gives up the ones after it too.
     */
    Uni<Void> handOff(String gatewayId, GatewayStatus gateway, List<Delivery> batch) {
        if (!gateway.beating()) {
            toLateGateways.increment();
        }
        String address = gateway.address();
        Uni<Void> requests = Uni.createFrom().voidItem();
        for (List<Delivery> request : HandOffPlan.requests(batch, FRAMES_PER_REQUEST)) {
            requests = requests.chain(() -> post(address, request));
        }
        return requests
                .onItem().invoke(ignored -> handedOff.increment())
                .onFailure().invoke(e -> {
                    if (!gatewayStillThere(e)) {
                        gateways.markGone(gatewayId);
                    }
                    failed.increment();
                    LOG.warnf("Hand-off to gateway %s at %s failed: %s", gatewayId, address, e.getMessage());
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<Void> post(String address, List<Delivery> deliveries) {
        Buffer body = Buffer.buffer(Json.encode(new DeliveryBatch(deliveries)));
        framesPerRequest.record(deliveries.stream().mapToInt(d -> d.userIds().size()).sum());
        return Uni.createFrom().deferred(() -> timed(http.postAbs("https://" + address + "/internal/v1/deliveries")
                .putHeader("Content-Type", "application/json")
                .timeout(TIMEOUT.toMillis())
                .sendBuffer(body)))
                .map(response -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("gateway answered " + response.statusCode());
                    }
                    return response;
                })
                .onFailure(GatewayDispatcher::gatewayStillThere).retry()
                .withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).expireIn(RETRY_WINDOW.toMillis())
                .replaceWithVoid();
    }

    private <T> Uni<T> timed(Uni<T> request) {
        Timer.Sample sample = Timer.start();
        return request.onTermination().invoke(() -> sample.stop(requestTime));
    }

    /**
     * A failure other than not connecting (refused, no route, or no connection within the connect
     * timeout, which Netty reports as a ConnectException): the gateway process is there, and so are
     * its sockets.
     */
    static boolean gatewayStillThere(Throwable failure) {
        return !(failure instanceof ConnectException || failure instanceof NoRouteToHostException);
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
