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
import org.jboss.logging.Logger;

/**
 * Re-registers the route of every open socket every third of {@code route-ttl}: renews the
 * expiry, and restores routes that Redis lost (a Redis restart loses them all) within that time.
 */
@ApplicationScoped
public class RouteRenewal {

    private static final Logger LOG = Logger.getLogger(RouteRenewal.class);

    private final RouteRegistry routes;
    private final SessionRegistry sessions;
    private final Vertx vertx;
    private final long periodMillis;
    private volatile long timerId = -1;

    public RouteRenewal(RouteRegistry routes, SessionRegistry sessions, Vertx vertx, GatewayConfig config) {
        this.routes = routes;
        this.sessions = sessions;
        this.vertx = vertx;
        this.periodMillis = Math.max(1000, config.routeTtl().toMillis() / 3);
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
        List<Uni<Void>> renewals = new ArrayList<>();
        for (ClientSession session : sessions.all()) {
            renewals.add(routes.register(session.userId(), session.deviceId()));
        }
        if (!renewals.isEmpty()) {
            Uni.join().all(renewals).andCollectFailures().subscribe().with(ok -> { },
                    failure -> LOG.warnf("Renewing %d routes failed: %s", renewals.size(), failure.getMessage()));
        }
    }
}
