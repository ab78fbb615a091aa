package dev.chat.gateway.routing;

import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.config.GatewayIdentity;
import dev.chat.routing.RedisKeys;
import dev.chat.routing.RouteStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpsServerStart;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Announces this gateway instance in Redis, every {@code heartbeat-interval}, in one script
 * ({@link RouteStore#beat}): {@code gateway:{instanceId}} holds the instance's internal address and
 * expires after {@code heartbeat-ttl}; {@code gateway-address:{instanceId}} holds the same address
 * and expires after {@code route-ttl} (RedisKeys; what the two keys mean: GatewayStatus).
 *
 * <p>Guarantees: while the first key exists, the instance was alive less than one TTL ago, and
 * presence counts its routes. A beat that comes late (an overloaded instance) does not strand its
 * sockets: delivery-service keeps handing their frames to the address in the second key until a
 * connection to it is refused. When the process dies both keys expire; a clean shutdown deletes
 * them at once. A beat that finds the first key already expired is counted
 * ({@code gateway.heartbeat.lapses}), so that lapses show in the metrics. Each beat also reads the
 * Redis server's run id: a new one means that Redis restarted or a replica took over, so routes
 * may have been missing, and every socket is repaired ({@link RedisServerChanged}).
 *
 * <p>The beat goes through a Redis client of its own ({@code quarkus.redis.heartbeat.*}, a pool of
 * four): on the shared pool it waited behind every socket's route traffic, and during a
 * reconnect storm that wait (38 s on average, docs/benchmarks.md) outlasted the key's expiry.
 */
@ApplicationScoped
public class GatewayHeartbeat {

    private static final Logger LOG = Logger.getLogger(GatewayHeartbeat.class);

    private final RouteStore routes;
    private final Vertx vertx;
    private final GatewayConfig config;
    private final String instanceId;
    private final Counter lapses;
    private volatile boolean announced;
    private volatile String address;
    private volatile long timerId = -1;
    private final RedisServerWatch redisServer = new RedisServerWatch();
    private final Event<RedisServerChanged> redisChanged;

    public GatewayHeartbeat(@RedisClientName("heartbeat") ReactiveRedisDataSource redis, Vertx vertx, GatewayConfig config,
            GatewayIdentity identity, MeterRegistry registry, Event<RedisServerChanged> redisChanged) {
        this.routes = new RouteStore(redis);
        this.vertx = vertx;
        this.config = config;
        this.instanceId = identity.instanceId();
        this.redisChanged = redisChanged;
        this.lapses = Counter.builder("gateway.heartbeat.lapses")
                .description("Beats that found this instance's heartbeat key already expired").register(registry);
    }

    /** Announced once the internal port, where delivery-service hands frames over, listens. */
    void start(@ObservesAsync HttpsServerStart server) {
        address = config.advertisedAddress().orElseGet(() -> "127.0.0.1:" + actualInternalPort());
        beat();
        timerId = vertx.setPeriodic(config.heartbeatInterval().toMillis(), ignored -> beat());
        LOG.infof("Gateway %s announced at %s", instanceId, address);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        try {
            routes.retire(instanceId).await().atMost(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.warnf("Could not remove gateway %s from Redis at shutdown (%s); its keys expire by themselves", instanceId,
                    e.getMessage());
        }
    }

    /**
     * The port the HTTP server listens on. Quarkus records the real port in a system property
     * when the configured one is 0 (random), as in tests.
     */
    private static String actualInternalPort() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-ssl-port" : "quarkus.http.ssl-port";
        String recorded = System.getProperty(key);
        return recorded != null ? recorded : ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("8443");
    }

    /** The address this instance announces, once started. */
    public String address() {
        return address;
    }

    /**
     * One beat now, besides the periodic ones; completes when Redis has it (at once, and without a
     * beat, before the instance is announced). Failures are logged and passed on. A beat also
     * checks that Redis is the same server as at the last one ({@link RedisServerChanged}).
     */
    public Uni<Void> beatNow() {
        if (address == null) {
            return Uni.createFrom().voidItem();
        }
        return routes.beat(instanceId, address, config.heartbeatTtl(), config.routeTtl())
                .invoke(beat -> {
                    if (announced && !beat.onTime()) {
                        lapses.increment();
                        LOG.warnf("The heartbeat key of gateway %s had expired before this beat (the instance is overloaded,"
                                + " or Redis restarted)", instanceId);
                    }
                    announced = true;
                    redisServer.seen(beat.serverRunId()).ifPresent(this::redisChanged);
                })
                .onFailure().invoke(failure -> LOG.warnf("Heartbeat to Redis failed: %s", failure.getMessage()))
                .replaceWithVoid();
    }

    private void redisChanged(RedisServerChanged change) {
        LOG.warnf("Redis is another server than at the last beat (run id %s, was %s): it restarted or a replica took"
                + " over; every socket's route is registered again and its pending messages pushed", change.after(),
                change.before());
        redisChanged.fireAsync(change);
    }

    private void beat() {
        beatNow().subscribe().with(ok -> { }, failure -> { });
    }
}
