package dev.chat.gateway.routing;

import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.sessions.ClientSession;
import dev.chat.gateway.sessions.Repairs;
import dev.chat.gateway.sessions.SessionRegistry;
import dev.chat.support.collections.Chunks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Re-registers the route of every open socket every {@code route-renewal-interval}: renews the
 * expiry ({@code route-ttl}, many intervals long, so that renewals held up in a queue do not let
 * a connected device's route expire), and restores routes that Redis lost (a Redis restart loses
 * them all) within one interval.
 * Routes go {@value #BATCH} to a command: one command per socket queued thousands of commands on
 * the shared pool every round (docs/benchmarks.md, storm).
 *
 * <p>A renewal that finds a socket's route missing (or naming another instance) restores it and
 * then repairs the session ({@link Repairs}): while the route was missing, messages for the device
 * were stored as pending only, and nothing else would push them before it reconnects.
 *
 * <p>Each round announces the instance first ({@link GatewayHeartbeat#beatNow}), so that a route it
 * restores never names an instance without liveness keys: after a Redis restart both are gone, and
 * a route read before the next heartbeat named a gateway that delivery-service took for gone, so
 * it dropped the delivery and removed the route it had just been given.
 *
 * <p>When the heartbeat finds Redis to be another server than before ({@link RedisServerChanged}),
 * a round runs at once and repairs every open socket, restored or not: a route can have been
 * missing without any renewal seeing it (an empty restarted primary for a few seconds, then a
 * failover to a replica holding the older routes).
 */
@ApplicationScoped
public class RouteRenewal {

    private static final Logger LOG = Logger.getLogger(RouteRenewal.class);
    static final int BATCH = 200;
    /** How long a round waits for its announcing beat before it renews the routes anyway. */
    static final Duration BEAT_WAIT = Duration.ofSeconds(2);

    private final RouteRegistry routes;
    private final SessionRegistry sessions;
    private final Repairs repairs;
    private final GatewayHeartbeat heartbeat;
    private final Vertx vertx;
    private final long periodMillis;
    private final Counter restoredRoutes;
    private volatile long timerId = -1;

    public RouteRenewal(RouteRegistry routes, SessionRegistry sessions, Repairs repairs, GatewayHeartbeat heartbeat,
            Vertx vertx, GatewayConfig config, MeterRegistry registry) {
        this.routes = routes;
        this.sessions = sessions;
        this.repairs = repairs;
        this.heartbeat = heartbeat;
        this.vertx = vertx;
        this.periodMillis = Math.max(1000, config.routeRenewalInterval().toMillis());
        this.restoredRoutes = Counter.builder("gateway.routes.restored")
                .description("Open sockets whose route a renewal found missing and restored (then repaired)").register(registry);
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(periodMillis, ignored -> renewAll().subscribe().with(ok -> { }, failure -> { }));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /**
     * Redis is another server than before: whatever the routes now say, each device may have
     * missed deliveries while its route was missing (the empty server, before a failover brought
     * back a replica's older copy in which the route is present again, is a window no renewal
     * would see). So every route is registered and every open socket repaired.
     */
    void redisChanged(@ObservesAsync RedisServerChanged change) {
        renewAll(true).subscribe().with(ok -> { }, failure -> { });
    }

    /** One round; completes when every batch was written (repairs it started may still run). */
    Uni<Void> renewAll() {
        return renewAll(false);
    }

    private Uni<Void> renewAll(boolean repairEvery) {
        List<ClientSession> open = new ArrayList<>(sessions.all());
        if (open.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // Bounded: a heartbeat that cannot reach Redis must not hold back the routes.
        return heartbeat.beatNow().ifNoItem().after(BEAT_WAIT).fail().onFailure().recoverWithNull().chain(() -> {
            List<Uni<Void>> renewals = Chunks.of(open, BATCH).stream().map(batch -> renew(batch, repairEvery)).toList();
            return Uni.join().all(renewals).andCollectFailures().replaceWithVoid()
                    .onFailure().invoke(failure -> LOG.warnf("Renewing %d routes failed: %s", open.size(), failure.getMessage()));
        });
    }

    private Uni<Void> renew(List<ClientSession> batch, boolean repairEvery) {
        List<Map.Entry<UUID, String>> devices = batch.stream()
                .map(session -> Map.entry(session.userId(), session.deviceId())).toList();
        return routes.registerAll(devices).invoke(restored -> {
            for (int position : restored) {
                ClientSession session = batch.get(position);
                restored(session);
                if (!repairEvery) {
                    repairs.repair(session);
                }
            }
            if (repairEvery) {
                batch.stream().filter(ClientSession::isOpen).forEach(repairs::repair);
            }
        }).replaceWithVoid();
    }

    private void restored(ClientSession session) {
        if (session.isOpen()) {
            restoredRoutes.increment();
            LOG.debugf("Route of %s/%s was missing; pushing its pending messages again", session.userId(), session.deviceId());
        }
    }
}
