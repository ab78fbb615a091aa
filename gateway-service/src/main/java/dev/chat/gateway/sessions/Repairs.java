package dev.chat.gateway.sessions;

import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Pushes the pending messages of an open socket again when it may have missed live pushes, because
 * its route was missing for a while (Redis restarted or lost its data, a removal raced a
 * reconnect): messages stored meanwhile were kept as pending only, and nothing else pushes them
 * before the device reconnects. The pushes go as live frames ({@link ClientSession#push}), so a
 * socket still in its first catch-up holds them back like any other, and one that has them
 * already drops them or the client de-duplicates them by message id.
 *
 * <p>Guarantees: a repair asked for an open socket is carried out, however long message-service
 * fails: a failed attempt is tried again after {@code catch-up-retry-interval}, the wait doubling
 * up to {@code catch-up-retry-max-interval}, for as long as the socket is open. Every attempt reads
 * the pending rows after it was asked for, so a message stored before the request is pushed.
 *
 * <p>Limits: at most {@value #IN_FLIGHT} repairs of this instance load at once and the rest wait
 * their turn, in order. A Redis restart asks for one per open socket in the same second; loaded
 * all at once they took every pooled connection to message-service, timed out waiting for one, and
 * the messages stayed pending (docs/reliability.md, *What the chaos run found*). A socket already
 * waiting is not queued twice: its attempt reads everything stored until it starts.
 */
@ApplicationScoped
public class Repairs {

    private static final Logger LOG = Logger.getLogger(Repairs.class);
    static final int IN_FLIGHT = 8;

    private record Attempt(ClientSession session, int number, Duration nextWait) {
    }

    private final CatchUp catchUp;
    private final Vertx vertx;
    private final RetryBackOff backOff;
    private final Counter failures;
    private final ArrayDeque<Attempt> waiting = new ArrayDeque<>();
    private final Set<String> waitingSockets = new HashSet<>();
    private int running;

    public Repairs(CatchUp catchUp, Vertx vertx, GatewayConfig config, MeterRegistry registry) {
        this.catchUp = catchUp;
        this.vertx = vertx;
        this.backOff = RetryBackOff.of(config);
        this.failures = Counter.builder("gateway.repairs.failures")
                .description("Attempts to push an open socket's pending messages again that failed (each is retried)")
                .register(registry);
    }

    /** Asks for a repair of {@code session}; it runs in the background. */
    public void repair(ClientSession session) {
        enqueue(new Attempt(session, 1, backOff.first()));
    }

    private void enqueue(Attempt attempt) {
        synchronized (this) {
            if (!waitingSockets.add(attempt.session().connectionId())) {
                return;
            }
            waiting.add(attempt);
        }
        startWaiting();
    }

    private void startWaiting() {
        while (true) {
            Attempt next;
            synchronized (this) {
                if (running >= IN_FLIGHT || waiting.isEmpty()) {
                    return;
                }
                next = waiting.poll();
                waitingSockets.remove(next.session().connectionId());
                running++;
            }
            run(next);
        }
    }

    private void run(Attempt attempt) {
        ClientSession session = attempt.session();
        if (!session.isOpen()) {
            finished();
            return;
        }
        catchUp.pushPending(session, session::push).subscribe().with(pushed -> {
            finished();
            if (attempt.number() > 1) {
                LOG.infof("Repairing %s/%s succeeded at attempt %d", session.userId(), session.deviceId(), attempt.number());
            }
        }, failure -> {
            finished();
            failures.increment();
            if (attempt.number() == 1) {
                LOG.warnf("Repairing %s/%s failed (%s); retrying while the socket is open", session.userId(),
                        session.deviceId(), CatchUpFailure.detail(failure));
            }
            retryLater(attempt);
        });
    }

    private void retryLater(Attempt failed) {
        Attempt next = new Attempt(failed.session(), failed.number() + 1, backOff.after(failed.nextWait()));
        vertx.setTimer(failed.nextWait().toMillis(), timer -> {
            if (failed.session().isOpen()) {
                enqueue(next);
            }
        });
    }

    private void finished() {
        synchronized (this) {
            running--;
        }
        startWaiting();
    }
}
