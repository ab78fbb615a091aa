package dev.chat.stack.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * A Kafka 4 node in KRaft mode (broker and controller in one JVM): the only one, or one of a
 * replicated {@link Topology}'s, whose nodes form the controller quorum together and keep every
 * record on each node, acknowledging once a majority has it. Storage is formatted once, on the
 * first start, with the cluster id all nodes of the stack share; later starts keep the data.
 * Topics are not created automatically: the stack creates the project's topics, so a misspelt
 * topic fails instead of appearing.
 */
public final class KafkaServer extends LocalServer {

    private final Topology topology;
    private final int node;
    private final String address;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private final ServerLife life;

    /** Node {@code node} (1-based) of {@code topology}, in {@code home}; {@code clusterId} is the same for all of a stack's nodes. */
    public KafkaServer(Path home, Path pidDir, Topology topology, int node, int port, int controllerPort,
            String clusterId, ServerLife life) {
        super(topology.name("kafka", node), home, pidDir);
        this.topology = topology;
        this.node = node;
        this.address = topology.address(node);
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.life = life;
    }

    public String bootstrapServers() {
        return address + ":" + port;
    }

    @Override
    protected void checkPortsFree() {
        Ports.requireFree(address, port, "Kafka broker", "--kafka-port");
        Ports.requireFree(address, controllerPort, "Kafka controller", "--kafka-controller-port");
    }

    @Override
    protected void prepare() {
        try {
            Path conf = Files.createDirectories(home().resolve("conf"));
            Files.createDirectories(dataDir());
            String voters = String.join(",", topology.nodeNumbers().stream()
                    .map(n -> n + "@" + topology.address(n) + ":" + controllerPort).toList());
            Files.writeString(conf.resolve("server.properties"), Resources.text("kafka-server.properties")
                    .replace("${data}", dataDir().toAbsolutePath().toString())
                    .replace("${node_id}", Integer.toString(node))
                    .replace("${voters}", voters)
                    .replace("${address}", address)
                    .replace("${port}", Integer.toString(port))
                    .replace("${controller_port}", Integer.toString(controllerPort))
                    .replace("${replication}", Integer.toString(topology.replicationFactor()))
                    .replace("${min_isr}", Integer.toString(topology.minInSyncReplicas()))
                    .replace("${session_timeout_ms}", Long.toString(sessionTimeout().toMillis()))
                    .replace("${heartbeat_interval_ms}", Long.toString(heartbeatInterval().toMillis())));
            Files.writeString(conf.resolve("log4j2.properties"), Resources.text("kafka-log4j2.properties"));
            if (!Files.exists(dataDir().resolve("meta.properties"))) {
                format(conf.resolve("server.properties"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void format(Path serverProperties) {
        List<String> command = javaCommand("kafka.tools.StorageTool");
        command.addAll(List.of("format", "--cluster-id=" + clusterId, "-c", serverProperties.toAbsolutePath().toString()));
        ManagedProcess format = ManagedProcess.start(name() + "-format", command, home(), Map.of(),
                home().resolve("kafka-format.log"), null);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (format.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (format.isAlive() || !Files.exists(dataDir().resolve("meta.properties"))) {
            format.stop(Duration.ofSeconds(1));
            throw new IllegalStateException("formatting Kafka storage failed:\n" + format.tail(20));
        }
    }

    /**
     * A KRaft cluster id: 16 random bytes in URL-safe base64 without padding, never starting with
     * '-' (Kafka's own generator avoids that too: the storage tool would read it as an option).
     */
    static String clusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16)
                    .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (id.charAt(0) != '-') {
                return id;
            }
        }
    }

    /**
     * How long the controllers wait for a node's heartbeat before they fence it and move the
     * leadership of its partitions: Kafka's default on one node (fencing the only node helps
     * nobody), 3 s on a replicated stack, where every send to a partition the dead node led waits
     * that long (docs/reliability.md).
     */
    Duration sessionTimeout() {
        return topology.replicated() ? Duration.ofSeconds(3) : Duration.ofSeconds(9);
    }

    /** How often a node heartbeats to the controllers: Kafka's default on one node, six per session timeout on three. */
    Duration heartbeatInterval() {
        return topology.replicated() ? Duration.ofMillis(500) : Duration.ofSeconds(2);
    }

    @Override
    protected List<String> command() {
        List<String> command = javaCommand("kafka.Kafka");
        command.add(home().resolve("conf/server.properties").toAbsolutePath().toString());
        return command;
    }

    private List<String> javaCommand(String mainClass) {
        List<String> command = new ArrayList<>(List.of(JavaRuntimes.current(), "-Xms128m", "-Xmx512m",
                "-XX:+UseG1GC", "-Djava.awt.headless=true"));
        if (life == ServerLife.THROWAWAY) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(List.of("-Dlog4j2.configurationFile=" + home().resolve("conf/log4j2.properties").toAbsolutePath(),
                "-Dkafka.logs.dir=" + home().toAbsolutePath(),
                "-cp", JavaRuntimes.serverClasspath("kafka"), mainClass));
        return command;
    }

    @Override
    protected boolean answers() {
        return Ports.isOpen(address, port) && registeredBrokers(bootstrapServers()) > 0;
    }

    /** How many brokers the cluster behind {@code bootstrapServers} lists now; 0 when it does not answer. */
    static int registeredBrokers(String bootstrapServers) {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            return admin.describeCluster(new DescribeClusterOptions().timeoutMs(2500)).nodes().get(3, TimeUnit.SECONDS).size();
        } catch (Exception notYet) {
            return 0;
        }
    }
}
