package dev.chat.stack.servers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.metadata.Node;
import dev.chat.schema.MigrationSessions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Cassandra 5.0 node in a child JVM (Java 17), configured small: one token, 64 MiB memtables,
 * no key cache, periodic commit-log sync, a coarse timer slack ({@link #withCoarseTimerSlack}).
 * Data center {@value #DATACENTER}. In a replicated
 * {@link Topology} node 1 is the seed the others join, each node listens on its own address, and
 * none streams data when it first starts (a new cluster's nodes all start empty), and gossip
 * convicts a node that stopped answering at the lowest threshold Cassandra allows ({@code
 * phi_convict_threshold} 5 instead of 8): until then every logged batch picks the dead node for
 * its batch log and times out (docs/reliability.md).
 */
public final class CassandraServer extends LocalServer {

    public static final String DATACENTER = "datacenter1";
    /** The timer slack of every Cassandra thread: {@link #withCoarseTimerSlack}. */
    static final long TIMER_SLACK_NANOS = 1_000_000;

    private static final List<String> JVM17_MODULE_FLAGS = List.of(
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports=java.sql/java.sql=ALL-UNNAMED",
            "--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED");

    private final Topology topology;
    private final int node;
    private final String address;
    private final int nativePort;
    private final int storagePort;
    private final String maxHeap;
    private final ServerLife life;

    /** Node {@code node} (1-based) of {@code topology}, in {@code home}. */
    public CassandraServer(Path home, Path pidDir, Topology topology, int node, int nativePort, int storagePort,
            String maxHeap, ServerLife life) {
        super(topology.name("cassandra", node), home, pidDir);
        this.topology = topology;
        this.node = node;
        this.address = topology.address(node);
        this.nativePort = nativePort;
        this.storagePort = storagePort;
        this.maxHeap = maxHeap;
        this.life = life;
    }

    public int nativePort() {
        return nativePort;
    }

    public String contactPoint() {
        return address + ":" + nativePort;
    }

    @Override
    protected void checkPortsFree() {
        Ports.requireFree(address, nativePort, "Cassandra CQL", "--cassandra-port");
        Ports.requireFree(address, storagePort, "Cassandra storage", "--cassandra-storage-port");
    }

    @Override
    protected void prepare() {
        try {
            Path conf = Files.createDirectories(home().resolve("conf"));
            Files.createDirectories(dataDir());
            Files.writeString(conf.resolve("cassandra.yaml"), yaml());
            Files.writeString(conf.resolve("logback.xml"), Resources.text("cassandra-logback.xml"));
            Files.createDirectories(home().resolve("triggers"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String yaml() {
        String data = dataDir().toAbsolutePath().toString();
        return Resources.text("cassandra.yaml")
                .replace("${data}", data)
                .replace("${address}", address)
                .replace("${seed}", topology.address(1))
                .replace("${initial_token}", Long.toString(topology.cassandraToken(node)))
                .replace("${auto_bootstrap}", Boolean.toString(!topology.replicated()))
                .replace("${phi_convict_threshold}", topology.replicated() ? "5" : "8")
                .replace("${native_port}", Integer.toString(nativePort))
                .replace("${storage_port}", Integer.toString(storagePort));
    }

    @Override
    protected List<String> command() {
        Path conf = home().resolve("conf").toAbsolutePath();
        List<String> command = new ArrayList<>(withCoarseTimerSlack());
        command.addAll(JavaRuntimes.withoutMemoryLocking().collect(Collectors.toList()));
        command.add(JavaRuntimes.java17());
        // The whole heap from the start: with 256 MiB to begin with, G1 ran a concurrent cycle
        // about every 2 s and a young pause about every second at 1,000 messages/s
        // (docs/benchmarks.md, twelfth pass). A pause target of 20 ms rather than G1's 200: G1
        // then keeps a young generation it can copy in about that time, where it let the young
        // generation fill 600 MiB and paused 30-200 ms every 10 s, which every request waited
        // out (seventeenth pass).
        command.addAll(List.of("-Xms" + maxHeap, "-Xmx" + maxHeap, "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Xss512k",
                "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + home().toAbsolutePath(),
                "-Djdk.attach.allowAttachSelf=true", "-Djava.net.preferIPv4Stack=true",
                "-Dio.netty.tryReflectionSetAccessible=true",
                "-Dcassandra-foreground=yes",
                "-Dcassandra.config=file://" + conf.resolve("cassandra.yaml"),
                "-Dcassandra.storagedir=" + dataDir().toAbsolutePath(),
                "-Dcassandra.logdir=" + home().toAbsolutePath(),
                "-Dcassandra.triggers_dir=" + home().resolve("triggers").toAbsolutePath(),
                "-Dlogback.configurationFile=" + conf.resolve("logback.xml"),
                "-Dcassandra.skip_wait_for_gossip_to_settle=0",
                // The ring delay bounds how long a joining node waits for the seed's gossip answer
                // (its shadow round) before it gives up with "Unable to gossip with any peers". A
                // single node is its own seed and waits for nobody; a replicated node's seed may be
                // slow to answer on two busy cores (a test run once lost a node so), and with
                // auto_bootstrap off the delay costs nothing when the answer comes at once.
                "-Dcassandra.ring_delay_ms=" + (topology.replicated() ? 15_000 : 0),
                "-Dcassandra.load_ring_state=false"));
        if (life == ServerLife.THROWAWAY) {
            command.add("-XX:TieredStopAtLevel=1"); // ServerLife: compiles that would not pay off
            // Schema changes then skip flushing the schema tables to SSTables, about a second
            // per table created on two busy cores. Only for data that no process ever starts on
            // again: after a crash Cassandra loads the schema from those SSTables before it
            // replays its commit log, so the tables created since would be unknown and their
            // rows dropped (the replicated cluster's node-loss test saw exactly that).
            command.add("-Dcassandra.unsafesystem=true");
        }
        command.addAll(JVM17_MODULE_FLAGS);
        command.addAll(List.of("-cp", JavaRuntimes.serverClasspath("cassandra"),
                "org.apache.cassandra.service.CassandraDaemon"));
        return command;
    }

    /**
     * A prefix that starts the rest of the command with a timer slack of {@value #TIMER_SLACK_NANOS}
     * ns, which every thread it starts inherits (Linux; elsewhere, or where it cannot be set, the
     * command runs as it is).
     *
     * <p>Why: a worker of Cassandra's shared request pool that runs out of work polls for more,
     * sleeping 10 µs at a time, for 10 ms before it parks; requests a few milliseconds apart keep
     * one polling all the time. With the default slack of 50 µs that was 18,000 wake-ups a second
     * at 100 messages/s, and half of Cassandra's CPU (48 % of a core, of the stack's 128 %; at
     * 1,000/s 64 % and 16,000 wake-ups). With 1 ms, each poll sleeps about a millisecond: 3,700
     * wake-ups and 20 % of a core at 100/s, 43 % at 1,000/s (docs/benchmarks.md, twenty-second
     * pass). The cost is the wait of a request handed to a polling worker, at most the slack;
     * 5 ms doubled the median latency, 250 µs saved half as much.
     */
    static List<String> withCoarseTimerSlack() {
        Path shell = Path.of("/bin/sh");
        if (!Files.isExecutable(shell)) {
            return List.of();
        }
        return List.of(shell.toString(), "-c",
                "{ echo " + TIMER_SLACK_NANOS + " > /proc/self/timerslack_ns; } 2>/dev/null; exec \"$@\"", "cassandra");
    }

    @Override
    protected boolean answers() {
        if (!Ports.isOpen(address, nativePort)) {
            return false;
        }
        try (CqlSession session = session()) {
            return session.execute("SELECT release_version FROM system.local").one() != null;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /**
     * How many other nodes this node lists as its peers now (asked of this node itself, not of
     * whichever node the driver would pick); 0 when it does not answer.
     */
    int peersKnown() {
        InetSocketAddress itself = new InetSocketAddress(address, nativePort);
        try (CqlSession session = session()) {
            Node node = session.getMetadata().getNodes().values().stream()
                    .filter(n -> itself.equals(n.getEndPoint().resolve())).findFirst().orElseThrow();
            return session.execute(SimpleStatement.newInstance("SELECT peer FROM system.peers_v2").setNode(node))
                    .all().size();
        } catch (RuntimeException notYet) {
            return 0;
        }
    }

    /** A new driver session to this server, without a keyspace; the caller closes it. */
    public CqlSession session() {
        return MigrationSessions.builder()
                .addContactPoint(new InetSocketAddress(address, nativePort))
                .withLocalDatacenter(DATACENTER)
                .build();
    }

    @Override
    protected Duration stopGrace() {
        return Duration.ofSeconds(20);
    }
}
