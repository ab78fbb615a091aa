package dev.chat.routing;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One Lua script, loaded from the resource file of its name beside this class, and run by its
 * SHA-1 ({@code EVALSHA}) so that a call carries the hash rather than the script. When Redis does
 * not know the script (it restarted, or is another server) the call is made once more with the
 * script itself ({@code EVAL}), which also loads it.
 *
 * <p>The scripts touch several keys of different users, so they need standalone Redis (or a
 * primary with replicas), not Redis Cluster: the chart and the local stack configure it so.
 */
final class RedisScript {

    private final String source;
    private final String sha;

    private RedisScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    static RedisScript load(String resourceName) {
        try (InputStream in = RedisScript.class.getResourceAsStream(resourceName)) {
            if (in == null) {
                throw new IllegalStateException("no script " + resourceName + " beside " + RedisScript.class.getName());
            }
            return new RedisScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the script with its source ({@code EVAL}), never by hash: one command whatever Redis
     * has loaded, for a small script run rarely on a small pool (the gateway's heartbeat), where
     * the {@code NOSCRIPT} round trip after every Redis restart buys nothing.
     */
    Uni<Response> runWithSource(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
        return redis.execute("EVAL", command(source, keys, args));
    }

    Uni<Response> run(ReactiveRedisDataSource redis, List<String> keys, List<String> args) {
        return redis.execute("EVALSHA", command(sha, keys, args))
                .onFailure(RedisScript::isUnknownScript).recoverWithUni(() -> redis.execute("EVAL", command(source, keys, args)));
    }

    private static String[] command(String script, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(keys.size() + args.size() + 2);
        command.add(script);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.addAll(args);
        return command.toArray(String[]::new);
    }

    private static boolean isUnknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
