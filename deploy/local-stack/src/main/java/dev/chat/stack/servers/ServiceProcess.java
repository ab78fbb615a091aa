package dev.chat.stack.servers;

import dev.chat.stack.tls.InternalCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One service instance as a child JVM, from its Quarkus fast-jar
 * ({@code <service>/target/quarkus-app/quarkus-run.jar}), configured by environment variables.
 * Used by the launcher and by the system tests, which run several instances of a service.
 */
public final class ServiceProcess {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /**
     * Small heaps, the serial collector and the first JIT tier only: for the tests' short-lived
     * instances, which start fast and never run long enough for the full JIT to repay its compiles.
     * The local stack's services run with {@link ServiceInstances#SERVICE_JVM_OPTIONS}.
     */
    public static final List<String> QUICK_START_JVM_OPTIONS =
            List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final String instance;
    private final ServicePorts ports;
    private final ManagedProcess process;

    private ServiceProcess(String instance, ServicePorts ports, ManagedProcess process) {
        this.instance = instance;
        this.ports = ports;
        this.process = process;
    }

    /**
     * Starts {@code service} (its folder name, e.g. {@code gateway-service}) as {@code instance}
     * on {@code ports}, with its internal certificate from {@code <home>/tls} (issued there on first
     * use, {@link InternalCertificates}); returns at once, see {@link #awaitReady}.
     */
    public static ServiceProcess start(Path repository, String service, String instance, ServicePorts ports,
            Map<String, String> environment, Path home) {
        return start(repository, service, instance, ports, environment, home, QUICK_START_JVM_OPTIONS);
    }

    /** As {@link #start(Path, String, String, ServicePorts, Map, Path)}, with these JVM options. */
    public static ServiceProcess start(Path repository, String service, String instance, ServicePorts ports,
            Map<String, String> environment, Path home, List<String> jvmOptions) {
        Path jar = repository.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " does not exist; build first with ./mvnw install -DskipTests");
        }
        String option = "--" + service.replace("-service", "") + "-port";
        Ports.requireFree(ports.http(), instance + " HTTP", option);
        Ports.requireFree(ports.internal(), instance + " internal HTTPS", option);
        Ports.requireFree(ports.management(), instance + " management", option);
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(ports.http()));
        env.put("QUARKUS_HTTP_SSL_PORT", Integer.toString(ports.internal()));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(ports.management()));
        env.put("CHAT_TLS_DIRECTORY",
                InternalCertificates.directoryOf(InternalCertificates.ensure(home.resolve("tls")), service).toString());
        List<String> command = new ArrayList<>();
        command.add(JavaRuntimes.current());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dlocal-stack.home=" + home, "-jar", jar.toString()));
        ManagedProcess process = ManagedProcess.start(instance, command, home.resolve("services").resolve(instance), env,
                home.resolve("logs").resolve(instance + ".log"), home.resolve("pids"));
        return new ServiceProcess(instance, ports, process);
    }

    public String instance() {
        return instance;
    }

    /** The public HTTP port. */
    public int port() {
        return ports.http();
    }

    /** The internal API's HTTPS port (client certificates required). */
    public int internalPort() {
        return ports.internal();
    }

    /** The management interface's port: health, metrics and OpenAPI under /q. */
    public int managementPort() {
        return ports.management();
    }

    public ServicePorts ports() {
        return ports;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** Waits until {@code /q/health/ready} on the management port answers 200; fails with the log's tail otherwise. */
    public ServiceProcess awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ready = URI.create("http://127.0.0.1:" + ports.management() + "/q/health/ready");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            process.requireAlive();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
                last = response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(instance + " was not ready within " + READY_TIMEOUT.toSeconds() + " s: "
                + last + "\nlast lines of " + process.logFile() + ":\n" + process.tail(30));
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        process.stop(grace);
    }

    /** SIGKILL, as a crash. */
    public void kill() {
        process.kill();
    }
}
