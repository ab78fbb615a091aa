package dev.chat.gateway.presence;

import dev.chat.common.presence.RedisKeys;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.config.GatewayIdentity;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Announces this gateway instance in Redis: {@code gateway:{instanceId}} holds the instance's
 * internal address and expires after {@code heartbeat-ttl} unless renewed every
 * {@code heartbeat-interval}.
 *
 * <p>Guarantee: while the key exists, the instance was alive less than one TTL ago. When the
 * process dies the key expires, and every route that names the instance is then stale to its
 * readers, who skip and remove it. A clean shutdown deletes the key at once.
 *
 * <p>The beat goes through a Redis client of its own ({@code quarkus.redis.heartbeat.*}, one
 * connection): on the shared pool it waited behind every socket's route traffic, and during a
 * reconnect storm that wait (38 s on average, docs/benchmarks.md) outlasted the key's expiry.
 */
@ApplicationScoped
public class GatewayHeartbeat {

    private static final Logger LOG = Logger.getLogger(GatewayHeartbeat.class);

    private final ReactiveRedisDataSource redis;
    private final Vertx vertx;
    private final GatewayConfig config;
    private final String key;
    private volatile String address;
    private volatile long timerId = -1;

    public GatewayHeartbeat(@RedisClientName("heartbeat") ReactiveRedisDataSource redis, Vertx vertx, GatewayConfig config,
            GatewayIdentity identity) {
        this.redis = redis;
        this.vertx = vertx;
        this.config = config;
        this.key = RedisKeys.gateway(identity.instanceId());
    }

    void start(@ObservesAsync HttpServerStart server) {
        address = config.advertisedAddress().orElseGet(() -> "127.0.0.1:" + actualHttpPort());
        beat();
        timerId = vertx.setPeriodic(config.heartbeatInterval().toMillis(), ignored -> beat());
        LOG.infof("Gateway %s announced at %s", key, address);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        try {
            redis.key().del(key).await().atMost(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.warnf("Could not remove %s from Redis at shutdown (%s); it expires by itself", key, e.getMessage());
        }
    }

    /**
     * The port the HTTP server listens on. Quarkus records the real port in a system property
     * when the configured one is 0 (random), as in tests.
     */
    private static String actualHttpPort() {
        String key = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        String recorded = System.getProperty(key);
        return recorded != null ? recorded : ConfigProvider.getConfig().getOptionalValue(key, String.class).orElse("8080");
    }

    /** The address this instance announces, once started. */
    public String address() {
        return address;
    }

    private void beat() {
        redis.value(String.class)
                .set(key, address, new SetArgs().px(config.heartbeatTtl()))
                .subscribe().with(ok -> { }, failure -> LOG.warnf("Heartbeat to Redis failed: %s", failure.getMessage()));
    }
}
