package dev.chat.gateway.presence;

import dev.chat.common.presence.RedisKeys;
import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.config.GatewayIdentity;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the routes of the devices connected to this gateway instance: {@code routes:{userId}}
 * maps device id → instance id, and expires after {@code route-ttl} unless renewed.
 *
 * <p>Guarantees: registering and its expiry are one atomic step; removing a route removes it
 * only while it still names this instance, so a device that already reconnected elsewhere keeps
 * its new route whatever order the two gateways act in. Removing also records the user's
 * last-seen time.
 */
@ApplicationScoped
public class RouteRegistry {

    /**
     * KEYS: route hashes; ARGV: instance, TTL, then one device per key. Returns the (1-based)
     * positions whose route did not name this instance before.
     */
    private static final String REGISTER = """
            local restored = {}
            for i, key in ipairs(KEYS) do
              if redis.call('HGET', key, ARGV[i + 2]) ~= ARGV[1] then
                restored[#restored + 1] = i
              end
              redis.call('HSET', key, ARGV[i + 2], ARGV[1])
              redis.call('PEXPIRE', key, ARGV[2])
            end
            return restored""";

    private static final String UNREGISTER = """
            redis.call('SET', KEYS[2], ARGV[3])
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              redis.call('HDEL', KEYS[1], ARGV[1])
              return 1
            end
            return 0""";

    /** The most registrations of connecting sockets in one command. */
    static final int MAX_TOGETHER = 200;

    private final ReactiveRedisDataSource redis;
    private final String instanceId;
    private final long routeTtlMillis;
    private final List<Waiting> waiting = new ArrayList<>();
    private boolean registering; // guarded by waiting

    public RouteRegistry(ReactiveRedisDataSource redis, GatewayIdentity identity, GatewayConfig config) {
        this.redis = redis;
        this.instanceId = identity.instanceId();
        this.routeTtlMillis = config.routeTtl().toMillis();
    }

    /**
     * Records that {@code deviceId} of {@code userId} is connected to this instance. Sockets that
     * connect together share one command: a registration leaves at once when none is in flight,
     * otherwise it waits for the one in flight and goes with every other that arrived meanwhile (at
     * most {@link #MAX_TOGETHER}), so a reconnect storm costs Redis one command per round trip, not
     * one per socket. The Uni completes (or fails with its command) on the caller's context.
     */
    public Uni<Void> register(UUID userId, String deviceId) {
        return Uni.createFrom().emitter(emitter -> {
            Context caller = Vertx.currentContext();
            boolean send;
            synchronized (waiting) {
                waiting.add(new Waiting(Map.entry(userId, deviceId), caller, emitter));
                send = !registering;
                registering = true;
            }
            if (send) {
                registerWaiting();
            }
        });
    }

    /** Sends what waits, one command at a time, until nothing does. */
    private void registerWaiting() {
        List<Waiting> together;
        synchronized (waiting) {
            if (waiting.isEmpty()) {
                registering = false;
                return;
            }
            List<Waiting> first = waiting.subList(0, Math.min(waiting.size(), MAX_TOGETHER));
            together = new ArrayList<>(first);
            first.clear();
        }
        registerAll(together.stream().map(Waiting::device).toList()).subscribe().with(
                restored -> {
                    together.forEach(w -> w.answer(null));
                    registerWaiting();
                },
                failure -> {
                    together.forEach(w -> w.answer(failure));
                    registerWaiting();
                });
    }

    /** A registration waiting for its command, and where to answer it. */
    private record Waiting(Map.Entry<UUID, String> device, Context caller, UniEmitter<? super Void> emitter) {
        void answer(Throwable failure) {
            Runnable answer = () -> {
                if (failure == null) {
                    emitter.complete(null);
                } else {
                    emitter.fail(failure);
                }
            };
            if (caller == null) {
                answer.run();
            } else {
                caller.runOnContext(ignored -> answer.run());
            }
        }
    }

    /**
     * Registers many routes in one command (route and expiry in one atomic step each): renewing every
     * socket's route then costs one command per batch on the shared pool, not one per socket. A
     * multi-key script: standalone Redis, as the chart and the local stack configure it.
     *
     * @return the positions in {@code devices} (0-based) whose route was missing or named another
     *     instance: for a socket that was already connected, its route had been lost (a Redis
     *     restart, an expiry) or taken, and messages stored meanwhile were not pushed live
     */
    public Uni<List<Integer>> registerAll(List<Map.Entry<UUID, String>> devices) {
        List<String> args = new ArrayList<>(2 * devices.size() + 4);
        args.add(REGISTER);
        args.add(Integer.toString(devices.size()));
        devices.forEach(d -> args.add(RedisKeys.routes(d.getKey())));
        args.add(instanceId);
        args.add(Long.toString(routeTtlMillis));
        devices.forEach(d -> args.add(d.getValue()));
        return redis.execute("EVAL", args.toArray(String[]::new)).map(restored -> {
            List<Integer> positions = new ArrayList<>(restored.size());
            restored.forEach(position -> positions.add(position.toInteger() - 1));
            return positions;
        });
    }

    /** Removes the device's route if it still names this instance; true when it did. */
    public Uni<Boolean> unregister(UUID userId, String deviceId) {
        return redis.execute("EVAL", UNREGISTER, "2", RedisKeys.routes(userId), RedisKeys.lastSeen(userId),
                deviceId, instanceId, Long.toString(System.currentTimeMillis()))
                .map(response -> response.toInteger() == 1);
    }

    public String instanceId() {
        return instanceId;
    }
}
