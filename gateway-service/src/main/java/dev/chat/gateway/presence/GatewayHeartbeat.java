package dev.chat.gateway.presence;

import dev.chat.common.presence.RedisKeys;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.config.GatewayIdentity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpsServerStart;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Announces this gateway instance in Redis, every {@code heartbeat-interval}, in one script:
 * {@code gateway:{instanceId}} holds the instance's internal address and expires after
 * {@code heartbeat-ttl}; {@code gateway-address:{instanceId}} holds the same address and expires
 * after {@code route-ttl} (RedisKeys).
 *
 * <p>Guarantees: while the first key exists, the instance was alive less than one TTL ago, and
 * presence counts its routes. A beat that comes late (an overloaded instance) does not strand its
 * sockets: delivery-service keeps handing their frames to the address in the second key until a
 * connection to it is refused. When the process dies both keys expire; a clean shutdown deletes
 * them at once. A beat that finds the first key already expired is counted
 * ({@code gateway.heartbeat.lapses}), so that lapses show in the metrics.
 *
 * <p>The beat goes through a Redis client of its own ({@code quarkus.redis.heartbeat.*}, one
 * connection): on the shared pool it waited behind every socket's route traffic, and during a
 * reconnect storm that wait (38 s on average, docs/benchmarks.md) outlasted the key's expiry.
 */
@ApplicationScoped
public class GatewayHeartbeat {

    private static final Logger LOG = Logger.getLogger(GatewayHeartbeat.class);

    /** KEYS: heartbeat, address; ARGV: address, heartbeat TTL, address TTL. 1 when the heartbeat key still existed. */
    private static final String BEAT = """
            local existed = redis.call('EXISTS', KEYS[1])
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
            return existed""";

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final GatewayConfig config;
    private final String key;
    private final String addressKey;
    private final Counter lapses;
    private volatile boolean announced;
    private volatile String address;
    private volatile long timerId = -1;

    public GatewayHeartbeat(@RedisClientName("heartbeat") ReactiveRedisDataSource redis, Vertx vertx, GatewayConfig config,
            GatewayIdentity identity, MeterRegistry registry) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
        this.key = RedisKeys.gateway(identity.instanceId());
        this.addressKey = RedisKeys.gatewayAddress(identity.instanceId());
        this.lapses = Counter.builder("gateway.heartbeat.lapses")
                .description("Beats that found this instance's heartbeat key already expired").register(registry);
    }

    /** Announced once the internal port, where delivery-service hands frames over, listens. */
    void start(@ObservesAsync HttpsServerStart server) {
        address = config.advertisedAddress().orElseGet(() -> "127.0.0.1:" + actualInternalPort());
        beat();
        timerId = vertx.setPeriodic(config.heartbeatInterval().toMillis(), ignored -> beat());
        LOG.infof("Gateway %s announced at %s", key, address);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        try {
            redis.key().del(key, addressKey).await().atMost(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.warnf("Could not remove %s from Redis at shutdown (%s); it expires by itself", key, e.getMessage());
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

    private void beat() {
        redis.execute("EVAL", BEAT, "2", key, addressKey, address, Long.toString(config.heartbeatTtl().toMillis()),
                Long.toString(config.routeTtl().toMillis()))
                .subscribe().with(existed -> {
                    if (announced && existed.toInteger() == 0) {
                        lapses.increment();
                        LOG.warnf("Heartbeat key %s had expired before this beat (the instance is overloaded, or Redis"
                                + " restarted)", key);
                    }
                    announced = true;
                }, failure -> LOG.warnf("Heartbeat to Redis failed: %s", failure.getMessage()));
    }
}
