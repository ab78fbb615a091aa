package dev.chat.gateway.routing;

import dev.chat.gateway.config.GatewayConfig;
import dev.chat.gateway.config.GatewayIdentity;
import dev.chat.routing.RouteStore;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
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

    /** The most registrations of connecting sockets in one command. */
    static final int MAX_TOGETHER = 200;

    private final RouteStore routes;
    private final String instanceId;
    private final Duration routeTtl;
    private final List<Waiting> waiting = new ArrayList<>();
    private boolean registering; // guarded by waiting

    public RouteRegistry(ReactiveRedisDataSource redis, GatewayIdentity identity, GatewayConfig config) {
        this.routes = new RouteStore(redis);
        this.instanceId = identity.instanceId();
        this.routeTtl = config.routeTtl();
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
     * Registers many routes in one command ({@link RouteStore#register}: route and expiry in one
     * atomic step each): renewing every socket's route then costs one command per batch on the
     * shared pool, not one per socket.
     *
     * @return the positions in {@code devices} (0-based) whose route was missing or named another
     *     instance: for a socket that was already connected, its route had been lost (a Redis
     *     restart, an expiry) or taken, and messages stored meanwhile were not pushed live
     */
    public Uni<List<Integer>> registerAll(List<Map.Entry<UUID, String>> devices) {
        return routes.register(instanceId, routeTtl, devices);
    }

    /** Removes the device's route if it still names this instance; true when it did. */
    public Uni<Boolean> unregister(UUID userId, String deviceId) {
        return routes.unregister(instanceId, userId, deviceId, Instant.now());
    }

    public String instanceId() {
        return instanceId;
    }
}
