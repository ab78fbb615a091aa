package dev.chat.stack.launcher;

import dev.chat.stack.servers.CassandraServer;
import dev.chat.stack.servers.PidFiles;
import dev.chat.stack.servers.ProcessServers;
import dev.chat.stack.servers.RunningStack;
import dev.chat.stack.servers.S3ProxyServer;
import dev.chat.stack.servers.Server;
import dev.chat.stack.servers.ServiceInstances;
import dev.chat.stack.servers.ServiceProcess;
import dev.chat.stack.servers.ServicePorts;
import dev.chat.stack.servers.StackSetup;
import dev.chat.stack.tls.InternalCertificates;
import dev.chat.stack.tokens.DevTokens;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Starts the whole system locally: Cassandra, Kafka, Redis and S3Proxy as child processes on loopback, the
 * schema, the topics, then the six services; prints where everything listens and runs until
 * Ctrl-C (SIGINT) or SIGTERM, then stops every process it started, by pid.
 *
 * <p>Guarantees: no process outlives the launcher's normal exit or a SIGINT/SIGTERM; a launcher
 * killed with SIGKILL leaves pid files, and the next start in the same data folder stops those
 * leftovers first. Data is kept in one folder between runs ({@code --clean} wipes it).
 */
public final class LocalStackLauncher {

    private LocalStackLauncher() {
    }

    public static void main(String[] args) {
        Path repository = repositoryRoot();
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(Arrays.asList(args), repository.resolve(".local-stack"));
        } catch (IllegalArgumentException e) {
            System.err.println("local-stack: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(LauncherOptions.USAGE);
            return;
        }
        if (options.token() != null) {
            System.out.println(DevTokens.loadOrCreate(options.dataDir().resolve("keys"))
                    .mint(options.token().user(), options.token().device(), options.token().ttl()));
            return;
        }
        try {
            run(repository, options);
        } catch (RuntimeException e) {
            System.err.println("\nlocal-stack: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(Path repository, LauncherOptions options) {
        String interruptNote = InterruptHandling.install();
        if (interruptNote != null) {
            say(interruptNote);
        }
        Path home = options.dataDir();
        List<String> leftovers = PidFiles.stopLeftovers(home.resolve("pids"), home.toString());
        if (!leftovers.isEmpty()) {
            say("stopped processes left behind by an earlier run: " + leftovers);
        }
        if (options.clean()) {
            deleteRecursively(home);
            say("deleted " + home);
        }
        ProcessServers servers = new ProcessServers(home, options.ports(), EnumSet.allOf(Server.class), "1g",
                options.topology());
        ServiceInstances services = new ServiceInstances(options.servicePorts(), options.instances(), options.gateways(),
                options.serviceJvmOptions(), options.gatewayJvmOptions());
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            say("stopping...");
            services.close();
            servers.close();
            RunningStack.remove(home);
            say("stopped.");
            stopped.countDown();
        }, "local-stack-shutdown"));

        say(options.topology().replicated()
                ? "starting " + options.topology().nodes() + " Cassandra nodes, " + options.topology().nodes()
                        + " Kafka nodes, Redis and S3Proxy (data in " + home + ")"
                : "starting Cassandra, Kafka, Redis and S3Proxy (data in " + home + ")");
        long t0 = System.nanoTime();
        AtomicReference<List<Integer>> applied = new AtomicReference<>(List.of());
        servers.start(contactPoints -> applied.set(StackSetup.applySchema(contactPoints, CassandraServer.DATACENTER, options.topology())));
        StackSetup.createTopics(servers.kafkaBootstrapServers(), options.topicPartitions(), options.topology());
        RunningStack.write(home, options.ports(), options.topology());
        say(String.format("servers ready in %.1f s; schema %s", (System.nanoTime() - t0) / 1e9,
                applied.get().isEmpty() ? "already current" : "migrations " + applied.get() + " applied"));
        say("  Cassandra  " + servers.cassandraContactPoint() + "  (keyspace " + StackSetup.KEYSPACE + ", datacenter "
                + CassandraServer.DATACENTER + ", replication factor " + options.topology().replicationFactor() + ")");
        say("  Kafka      " + servers.kafkaBootstrapServers() + "  (replication factor "
                + options.topology().replicationFactor() + ", min.insync.replicas " + options.topology().minInSyncReplicas() + ")");
        say("  Redis      " + servers.redisUrl() + (servers.sentinels().isEmpty() ? ""
                : "  (Sentinels; primary " + servers.redisPrimary().url() + ", one replica)"));
        say("  S3         " + servers.s3Endpoint() + "  (S3Proxy, bucket " + S3ProxyServer.BUCKET + ", access key "
                + S3ProxyServer.ACCESS_KEY + ", secret " + S3ProxyServer.SECRET_KEY + ")");

        // Also for --servers-only: a service in dev mode reads its certificate from here.
        InternalCertificates.ensure(home.resolve("tls"));
        if (!options.serversOnly()) {
            say("starting the six services");
            DevTokens.loadOrCreate(home.resolve("keys"));
            services.start(repository, home, ServiceInstances.serverEnvironment(servers, home));
            Map<String, Integer> ports = options.servicePorts();
            if (options.warmUpSeconds() > 0) {
                say("warming up: " + options.warmUpSeconds() + " s of traffic between warm-up accounts (--warm-up 0 skips)");
                long warmUpStart = System.nanoTime();
                StackWarmUp.Outcome warmUp = StackWarmUp.run(repository, home, ports, options.gateways(),
                        options.warmUpSeconds());
                say(String.format("%s in %.1f s: %s", warmUp.ran() ? "warmed up" : "not warmed up",
                        (System.nanoTime() - warmUpStart) / 1e9, warmUp.summary()));
            }
            services.startWebClient(repository, home, options.webClientPort());
            say("all services ready:");
            say("  web client          http://127.0.0.1:" + options.webClientPort() + "   (open it in a browser; the API is behind it too)");
            for (int i = 1; i <= options.gateways(); i++) {
                say("  gateway   WebSocket  ws://127.0.0.1:" + ServiceInstances.port(ports, "gateway", i) + "/ws   (docs/protocol.md)");
            }
            for (String service : ports.keySet()) {
                for (int i = 1; i <= services.count(service); i++) {
                    ServicePorts servicePorts = ServicePorts.besides(ServiceInstances.port(ports, service, i));
                    say(String.format("  %-9s REST       http://127.0.0.1:%d   (health, metrics, OpenAPI: http://127.0.0.1:%d/q)",
                            service, servicePorts.http(), servicePorts.management()));
                }
            }
            say("internal APIs: HTTPS with the client certificates in " + home.resolve("tls"));
            say("logs in " + home.resolve("logs"));
            say("a token for the socket:  deploy/local-stack/start.sh token --user <uuid> --device <id>");
        } else {
            say("servers only: run a service with  ./mvnw -pl <service> quarkus:dev");
        }
        say("press Ctrl-C to stop everything");
        watch(services, stopping, stopped);
    }

    /** Reports a child that exits on its own; returns when the shutdown hook has run. */
    private static void watch(ServiceInstances services, AtomicBoolean stopping, CountDownLatch stopped) {
        Map<String, Boolean> reported = new LinkedHashMap<>();
        try {
            while (!stopped.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
                for (Map.Entry<String, ServiceProcess> service : Map.copyOf(services.running()).entrySet()) {
                    if (!stopping.get() && !service.getValue().isAlive() && reported.putIfAbsent(service.getKey(), true) == null) {
                        say(service.getKey() + " exited unexpectedly; see " + service.getValue().logFile());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The repository this launcher was built in (its jar sits in deploy/local-stack/target), else
     * the one holding the working directory (a test run from a module's folder on an installed jar).
     */
    public static Path repositoryRoot() {
        try {
            Path jar = Path.of(LocalStackLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path found = repositoryAbove(jar.getParent());
            if (found != null) {
                return found;
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall through to the working directory
        }
        Path workingDirectory = Path.of("").toAbsolutePath();
        Path found = repositoryAbove(workingDirectory); // a module's folder, as in the system tests
        return found != null ? found : workingDirectory;
    }

    private static Path repositoryAbove(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("gateway-service"))) {
                return dir;
            }
        }
        return null;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void say(String line) {
        System.out.println("[local-stack] " + line);
    }
}
