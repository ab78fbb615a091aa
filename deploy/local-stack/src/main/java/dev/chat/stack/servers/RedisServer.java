package dev.chat.stack.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A Redis 6.2 server, the linux-amd64 binary that the embedded-redis artifact carries, started
 * directly so that it is an ordinary child process with a pid file. Nothing is persisted: routes
 * and presence are rebuilt by the gateways within one heartbeat after a restart.
 *
 * <p>In a replicated stack there are two: the first starts as the primary, the second as its
 * replica ({@code replicaOf}), and {@link RedisSentinel}s move the primary role when the primary
 * dies. The same binary runs the Sentinels ({@link #binary}).
 */
public final class RedisServer extends LocalServer {

    private static final String BINARY_RESOURCE = "/redis-server-6.2.6-v5-linux-amd64";

    private final String address;
    private final int port;
    private final HostAndPort replicaOf;
    private java.util.function.Supplier<HostAndPort> currentPrimary = () -> null;

    /** A lone Redis on 127.0.0.1. */
    public RedisServer(Path home, Path pidDir, int port) {
        this("redis", home, pidDir, "127.0.0.1", port, null);
    }

    /** Redis named {@code name} on {@code address}, the replica of {@code replicaOf} unless that is null. */
    public RedisServer(String name, Path home, Path pidDir, String address, int port, HostAndPort replicaOf) {
        super(name, home, pidDir);
        this.address = address;
        this.port = port;
        this.replicaOf = replicaOf;
    }

    public String address() {
        return address;
    }

    /**
     * Where a restart asks who the primary is now (the Sentinels): a node started again after a
     * failover must come back as the replica of the node that took over, and the primary restarted
     * before anyone noticed as the primary again, as a Redis started by its operator from the
     * Sentinels' answer does. Without an answer a node takes the role it was first given.
     */
    void followPrimaryOnRestart(java.util.function.Supplier<HostAndPort> currentPrimary) {
        this.currentPrimary = currentPrimary;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://" + address + ":" + port;
    }

    /** A connection for one of the stack's own checks (the services use the Quarkus Redis client). */
    public static Jedis connect(String address, int port) {
        return new Jedis(new HostAndPort(address, port),
                DefaultJedisClientConfig.builder().timeoutMillis(1000).serverDefaultProtocol().build());
    }

    /** Deletes every key, as a Redis restarted without its data would have none. */
    public void flushAll() {
        try (Jedis jedis = RedisServer.connect(address, port)) {
            jedis.flushAll();
        }
    }

    @Override
    protected void checkPortsFree() {
        Ports.requireFree(address, port, "Redis", "--redis-port");
    }

    @Override
    protected void prepare() {
        copyBinary(home());
    }

    /** Puts the redis-server binary into {@code folder}; returns its path. */
    static Path copyBinary(Path folder) {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")
                || !System.getProperty("os.arch").contains("64") || System.getProperty("os.arch").contains("aarch")) {
            throw new IllegalStateException("the bundled redis-server is for linux-amd64; on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + " point the services at your own Redis instead");
        }
        try (InputStream in = RedisServer.class.getResourceAsStream(BINARY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("redis-server binary " + BINARY_RESOURCE + " not found on the classpath");
            }
            Files.createDirectories(folder.resolve("data"));
            Path binary = binary(folder);
            if (Files.exists(binary)) {
                return binary; // copied whole at an earlier start (moved into place only once written)
            }
            Path partial = folder.resolve(BINARY_RESOURCE.substring(1) + ".partial");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(partial, binary, StandardCopyOption.ATOMIC_MOVE);
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path binary(Path folder) {
        return folder.resolve(BINARY_RESOURCE.substring(1)).toAbsolutePath(); // named by version: an upgrade copies anew
    }

    @Override
    protected List<String> command() {
        List<String> command = new ArrayList<>(List.of(binary(home()).toString(), "--port", Integer.toString(port),
                "--bind", address, "--dir", dataDir().toAbsolutePath().toString(), "--save", "", "--appendonly", "no",
                "--protected-mode", "no", "--loglevel", "warning"));
        HostAndPort primary = currentPrimary.get();
        if (primary == null) {
            primary = replicaOf;
        }
        if (primary != null && !(primary.getHost().equals(address) && primary.getPort() == port)) {
            command.addAll(List.of("--replicaof", primary.getHost(), Integer.toString(primary.getPort())));
        }
        return command;
    }

    @Override
    protected boolean answers() {
        return pings(address, port);
    }

    /** Whether a Redis server or Sentinel answers PING there now. */
    static boolean pings(String address, int port) {
        try (Jedis jedis = connect(address, port)) {
            return "PONG".equals(jedis.ping());
        } catch (JedisException notYet) {
            return false;
        }
    }
}
