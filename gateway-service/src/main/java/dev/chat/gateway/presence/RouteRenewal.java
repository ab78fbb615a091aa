package dev.chat.gateway.presence;

import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.sessions.ClientSession;
import dev.chat.gateway.sessions.SessionRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
 */
@ApplicationScoped
public class RouteRenewal {

    private static final Logger LOG = Logger.getLogger(RouteRenewal.class);
    static final int BATCH = 200;

    private final RouteRegistry routes;
    private final SessionRegistry sessions;
    private final Vertx vertx;
    private final long periodMillis;
    private volatile long timerId = -1;

    public RouteRenewal(RouteRegistry routes, SessionRegistry sessions, Vertx vertx, GatewayConfig config) {
        this.routes = routes;
        this.sessions = sessions;
        this.vertx = vertx;
        this.periodMillis = Math.max(1000, config.routeRenewalInterval().toMillis());
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(periodMillis, ignored -> renewAll());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    void renewAll() {
        List<Map.Entry<UUID, String>> devices = new ArrayList<>();
        for (ClientSession session : sessions.all()) {
            devices.add(Map.entry(session.userId(), session.deviceId()));
        }
        List<Uni<Void>> renewals = new ArrayList<>();
        for (int from = 0; from < devices.size(); from += BATCH) {
            renewals.add(routes.registerAll(devices.subList(from, Math.min(devices.size(), from + BATCH))));
        }
        if (!renewals.isEmpty()) {
            Uni.join().all(renewals).andCollectFailures().subscribe().with(ok -> { },
                    failure -> LOG.warnf("Renewing %d routes failed: %s", devices.size(), failure.getMessage()));
        }
    }
}
