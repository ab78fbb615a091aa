package dev.chat.gateway.sessions;

import dev.chat.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.websockets.next.UserData;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Bounds how many sockets are connecting at once on this instance ({@code chat.gateway.connects-in-progress}):
 * a connect holds its place from its admitted handshake until its catch-up has ended (synced, or
 * delayed after a failure) or the socket closed. A handshake beyond the bound is refused before
 * its token is checked, so an overloaded gateway spends almost nothing on it and the connects it
 * took finish first; the client retries after the {@code Retry-After} hint (docs/protocol.md).
 *
 * <p>Guarantee: every admitted connect gives its place back exactly once: when its catch-up ends,
 * when its socket closes, when its token is refused, or, for a handshake that was admitted but
 * never became a socket (the client went away during the upgrade), {@link #UNOPENED_TIMEOUT} after
 * its admission.
 */
@ApplicationScoped
public class ConnectAdmission {

    /** Where the handshake leaves the connect's place for the socket endpoint. */
    public static final UserData.TypedKey<Place> KEY = new UserData.TypedKey<>("chat.connect-place");

    /** How long an admitted handshake may take to become a socket before its place is reclaimed. */
    static final Duration UNOPENED_TIMEOUT = Duration.ofSeconds(10);

    private final int limit;
    private final LongSupplier nanoTime;
    private final AtomicInteger connecting = new AtomicInteger();
    private final Map<Place, Long> unopened = new ConcurrentHashMap<>();
    private final Counter refused;
    private final Vertx vertx;
    private final long sweeper;

    @Inject
    public ConnectAdmission(GatewayConfig config, Vertx vertx, MeterRegistry registry) {
        this(config.connectsInProgress(), System::nanoTime, vertx, registry);
    }

    ConnectAdmission(int limit, LongSupplier nanoTime, Vertx vertx, MeterRegistry registry) {
        this.limit = limit;
        this.nanoTime = nanoTime;
        this.vertx = vertx;
        this.refused = Counter.builder("gateway.connects.refused")
                .description("Handshakes refused with 503 because too many sockets were connecting").register(registry);
        Gauge.builder("gateway.connects.in.progress", connecting, AtomicInteger::get)
                .description("Sockets between an admitted handshake and the end of their catch-up").register(registry);
        this.sweeper = vertx == null ? -1 : vertx.setPeriodic(1_000, tick -> reclaimUnopened());
    }

    /** A place for one more connect, or empty when {@code connects-in-progress} are connecting already. */
    public Optional<Place> admit() {
        if (connecting.incrementAndGet() > limit) {
            connecting.decrementAndGet();
            refused.increment();
            return Optional.empty();
        }
        Place place = new Place();
        unopened.put(place, nanoTime.getAsLong());
        return Optional.of(place);
    }

    /** The handshake became a socket: its place is held until {@link #release}. */
    public void opened(Place place) {
        if (place != null) {
            unopened.remove(place);
        }
    }

    /** The connect has ended, one way or another; a second release of the same place does nothing. */
    public void release(Place place) {
        if (place != null && place.released.compareAndSet(false, true)) {
            unopened.remove(place);
            connecting.decrementAndGet();
        }
    }

    /** How many connects hold a place now. */
    public int connecting() {
        return connecting.get();
    }

    void reclaimUnopened() {
        long now = nanoTime.getAsLong();
        unopened.forEach((place, admittedAt) -> {
            if (now - admittedAt >= UNOPENED_TIMEOUT.toNanos()) {
                release(place);
            }
        });
    }

    @PreDestroy
    void stop() {
        if (vertx != null) {
            vertx.cancelTimer(sweeper);
        }
    }

    /** One admitted connect's place. */
    public static final class Place {
        private final AtomicBoolean released = new AtomicBoolean();
    }
}
