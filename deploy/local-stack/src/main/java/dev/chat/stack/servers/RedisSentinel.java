package dev.chat.stack.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One Redis Sentinel of a replicated stack: it watches the primary named {@value #MASTER_NAME}
 * with the other Sentinels and, when a majority of them ({@code quorum}) has not heard from it
 * for {@link #DOWN_AFTER}, promotes the replica and tells the clients (the services connect
 * through the Sentinels, {@code quarkus.redis.client-type=sentinel}).
 *
 * <p>Sentinel rewrites its configuration file as the roles change; the file is written afresh
 * the first time this object starts the Sentinel, so a stack started again begins from node 1 as
 * the primary, as its Redis servers do, and a Sentinel restarted within one run keeps what it learnt.
 */
public final class RedisSentinel extends LocalServer {

    /** The name under which the Sentinels know the primary; the services' {@code quarkus.redis.master-name}. */
    public static final String MASTER_NAME = "chat";

    /**
     * How long the primary may be silent before a Sentinel calls it down (Redis' default is 30 s).
     * A few seconds fits loopback; docs/deploy.md gives the production trade-off.
     */
    static final Duration DOWN_AFTER = Duration.ofSeconds(2);

    private final String address;
    private final int port;
    private final HostAndPort primary;
    private final int quorum;
    private boolean configured;

    public RedisSentinel(String name, Path home, Path pidDir, String address, int port, HostAndPort primary, int quorum) {
        super(name, home, pidDir);
        this.address = address;
        this.port = port;
        this.primary = primary;
        this.quorum = quorum;
    }

    public String url() {
        return "redis://" + address + ":" + port;
    }

    /** The primary as this Sentinel sees it now. */
    public HostAndPort primary() {
        try (Jedis jedis = RedisServer.connect(address, port)) {
            List<String> hostAndPort = jedis.sentinelGetMasterAddrByName(MASTER_NAME);
            return new HostAndPort(hostAndPort.get(0), Integer.parseInt(hostAndPort.get(1)));
        }
    }

    /** Whether this Sentinel knows {@code replicas} replicas that are up and {@code others} other Sentinels. */
    boolean sees(int replicas, int others) {
        try (Jedis jedis = RedisServer.connect(address, port)) {
            long upReplicas = jedis.sentinelReplicas(MASTER_NAME).stream()
                    .filter(r -> !r.getOrDefault("flags", "").contains("down")
                            && "ok".equals(r.get("master-link-status")))
                    .count();
            return upReplicas == replicas && jedis.sentinelSentinels(MASTER_NAME).size() == others;
        } catch (JedisException notYet) {
            return false;
        }
    }

    @Override
    protected void checkPortsFree() {
        Ports.requireFree(address, port, "Redis Sentinel", "--redis-sentinel-port");
    }

    @Override
    protected void prepare() {
        RedisServer.copyBinary(home());
        if (configured) {
            return;
        }
        try {
            Files.writeString(configFile(), String.join("\n",
                    "port " + port,
                    "bind " + address,
                    "protected-mode no",
                    "dir " + dataDir().toAbsolutePath(),
                    "loglevel warning",
                    "sentinel monitor " + MASTER_NAME + " " + primary.getHost() + " " + primary.getPort() + " " + quorum,
                    "sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER.toMillis(),
                    "sentinel failover-timeout " + MASTER_NAME + " 10000",
                    "sentinel parallel-syncs " + MASTER_NAME + " 1",
                    ""));
            configured = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path configFile() {
        return home().resolve("sentinel.conf").toAbsolutePath();
    }

    @Override
    protected List<String> command() {
        return List.of(RedisServer.binary(home()).toString(), configFile().toString(), "--sentinel");
    }

    @Override
    protected boolean answers() {
        return RedisServer.pings(address, port);
    }
}
