package dev.chat.gateway.routing;

/**
 * The Redis server that holds the routes is another process than at the last heartbeat (it
 * restarted, or a replica took over): routes may have been missing for a while, so deliveries to
 * connected devices may have been kept as pending only ({@link RouteRenewal} repairs every socket).
 *
 * @param before the run id seen before
 * @param after the run id seen now
 */
public record RedisServerChanged(String before, String after) {
}
