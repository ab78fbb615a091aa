package dev.chat.gateway.sessions;

import dev.chat.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.websockets.next.CloseReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Drains the instance on shutdown (SIGTERM): new handshakes are refused with 503, readiness
 * turns DOWN, and the open sockets are closed with 1001 (going away) spread evenly over the first
 * 80 % of {@code chat.gateway.drain-window}, so that their clients reconnect to other instances
 * gradually rather than all at once; each close removes the socket's route. Quarkus' shutdown
 * delay ({@code quarkus.shutdown.delay}, set to the drain window) keeps the instance running
 * meanwhile, before anything else stops; the heartbeat key is removed after it.
 */
@ApplicationScoped
public class Drain {

    private static final Logger LOG = Logger.getLogger(Drain.class);

    private final AtomicBoolean draining = new AtomicBoolean();
    private final SessionRegistry sessions;
    private final Duration window;

    public Drain(SessionRegistry sessions, GatewayConfig config) {
        this.sessions = sessions;
        this.window = config.drainWindow();
    }

    public boolean draining() {
        return draining.get();
    }

    void onShutdownDelay(@Observes ShutdownDelayInitiatedEvent event) {
        draining.set(true);
        List<ClientSession> open = List.copyOf(sessions.all());
        if (open.isEmpty()) {
            return;
        }
        LOG.infof("Draining %d sockets over %s", open.size(), window);
        long stepNanos = window.toNanos() * 8 / 10 / open.size();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "gateway-drain");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < open.size(); i++) {
            ClientSession session = open.get(i);
            scheduler.schedule(() -> session.close(new CloseReason(1001, "server going away; reconnect")),
                    i * stepNanos, TimeUnit.NANOSECONDS);
        }
        scheduler.shutdown();
    }
}
