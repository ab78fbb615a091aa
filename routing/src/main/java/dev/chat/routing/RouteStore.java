package dev.chat.routing;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Every Redis command on routes, last-seen times and gateway liveness, written once: the gateway
 * writes through it (registrations, removals, heartbeats), delivery-service and presence-service
 * read through it. The key layout is {@link RedisKeys}, the liveness rule {@link GatewayStatus},
 * the scripts the {@code .lua} files beside this class.
 *
 * <p>A plain object over the Redis client it is given, not a bean: the gateway gives its
 * heartbeat a connection of its own ({@code quarkus.redis.heartbeat.*}), so that beats never wait
 * behind socket traffic.
 *
 * <p>Guarantees: registering a route and setting its expiry are one atomic step; a route is
 * removed (on disconnect, or as stale) only while it still names the instance the remover means,
 * so a device that reconnected elsewhere keeps its new route whatever order the two act in.
 */
public final class RouteStore {

    private static final RedisScript REGISTER = RedisScript.load("register-routes.lua");
    private static final RedisScript UNREGISTER = RedisScript.load("unregister-route.lua");
    private static final RedisScript HEARTBEAT = RedisScript.load("heartbeat.lua");
    private static final RedisScript READ_ROUTES = RedisScript.load("read-routes.lua");
    private static final RedisScript REMOVE_IF_UNCHANGED = RedisScript.load("remove-route-if-unchanged.lua");

    private final ReactiveRedisDataSource redis;

    public RouteStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /**
     * Records that each device is connected to {@code instanceId}, in one command, each route
     * expiring after {@code routeTtl} unless registered again.
     *
     * @return the positions in {@code devices} (0-based) whose route was missing or named another
     *     instance before
     */
    public Uni<List<Integer>> register(String instanceId, Duration routeTtl, List<Map.Entry<UUID, String>> devices) {
        List<String> keys = devices.stream().map(d -> RedisKeys.routes(d.getKey())).toList();
        List<String> args = new ArrayList<>(devices.size() + 2);
        args.add(instanceId);
        args.add(Long.toString(routeTtl.toMillis()));
        devices.forEach(d -> args.add(d.getValue()));
        return REGISTER.run(redis, keys, args).map(restored -> {
            List<Integer> positions = new ArrayList<>(restored.size());
            restored.forEach(position -> positions.add(position.toInteger() - 1));
            return positions;
        });
    }

    /** Removes the device's route if it still names {@code instanceId}, and records the user's last seen; true when it did. */
    public Uni<Boolean> unregister(String instanceId, UUID userId, String deviceId, Instant now) {
        return UNREGISTER.run(redis, List.of(RedisKeys.routes(userId), RedisKeys.lastSeen(userId)),
                List.of(deviceId, instanceId, Long.toString(now.toEpochMilli()))).map(removed -> removed.toInteger() == 1);
    }

    /**
     * What one beat found.
     *
     * @param onTime whether the heartbeat key still existed
     * @param serverRunId the run id of the Redis server that took the beat ({@code INFO server}),
     *     empty when it does not say: it changes when that server restarts or another one takes
     *     over as primary, the two events after which routes may have been missing for a while
     */
    public record Beat(boolean onTime, String serverRunId) {
    }

    /**
     * One heartbeat: the instance's heartbeat key for {@code heartbeatTtl}, its address key for
     * {@code addressTtl} ({@link GatewayStatus}), in one script that also reads the server's run id.
     * Sent with its source every time ({@link RedisScript#runWithSource}).
     */
    public Uni<Beat> beat(String instanceId, String address, Duration heartbeatTtl, Duration addressTtl) {
        return HEARTBEAT.runWithSource(redis, List.of(RedisKeys.gateway(instanceId), RedisKeys.gatewayAddress(instanceId)),
                List.of(address, Long.toString(heartbeatTtl.toMillis()), Long.toString(addressTtl.toMillis())))
                .map(reply -> new Beat(reply.get(0).toInteger() == 1, reply.size() > 1 ? reply.get(1).toString() : ""));
    }

    /** Removes both liveness keys of an instance that is shutting down: it is gone at once. */
    public Uni<Void> retire(String instanceId) {
        return redis.key().del(RedisKeys.gateway(instanceId), RedisKeys.gatewayAddress(instanceId)).replaceWithVoid();
    }

    /** The route hashes (device → instance) of these users, in one command; the caller bounds their number. */
    public Uni<Map<UUID, Map<String, String>>> routesOf(List<UUID> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return READ_ROUTES.run(redis, users.stream().map(RedisKeys::routes).toList(), List.of()).map(response -> {
            Map<UUID, Map<String, String>> byUser = new HashMap<>();
            for (int i = 0; i < users.size(); i++) {
                byUser.put(users.get(i), hash(response.get(i)));
            }
            return byUser;
        });
    }

    private static Map<String, String> hash(Response flat) {
        Map<String, String> hash = new HashMap<>();
        for (int j = 0; j + 1 < flat.size(); j += 2) {
            hash.put(flat.get(j).toString(), flat.get(j + 1).toString());
        }
        return hash;
    }

    /** The status of each instance that is not gone ({@link GatewayStatus}), by id, in one MGET. */
    public Uni<Map<String, GatewayStatus>> statusOf(Collection<String> gatewayIds) {
        List<String> ids = gatewayIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        String[] keys = new String[2 * ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            keys[2 * i] = RedisKeys.gateway(ids.get(i));
            keys[2 * i + 1] = RedisKeys.gatewayAddress(ids.get(i));
        }
        return redis.value(String.class).mget(keys).map(values -> {
            Map<String, GatewayStatus> there = new HashMap<>();
            ids.forEach(id -> GatewayStatus.of(values.get(RedisKeys.gateway(id)), values.get(RedisKeys.gatewayAddress(id)))
                    .ifPresent(status -> there.put(id, status)));
            return there;
        });
    }

    /** When each user's last device disconnected, by user; users never recorded are absent. */
    public Uni<Map<UUID, Instant>> lastSeenOf(List<UUID> users) {
        if (users.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return redis.value(String.class).mget(users.stream().map(RedisKeys::lastSeen).toArray(String[]::new)).map(values -> {
            Map<UUID, Instant> seen = new HashMap<>();
            users.forEach(user -> {
                String millis = values.get(RedisKeys.lastSeen(user));
                if (millis != null) {
                    seen.put(user, Instant.ofEpochMilli(Long.parseLong(millis)));
                }
            });
            return seen;
        });
    }

    /** Removes a stale route only while it still names {@code gatewayId}; true when it did. */
    public Uni<Boolean> removeIfUnchanged(UUID userId, String deviceId, String gatewayId) {
        return REMOVE_IF_UNCHANGED.run(redis, List.of(RedisKeys.routes(userId)), List.of(deviceId, gatewayId))
                .map(removed -> removed.toInteger() == 1);
    }
}
