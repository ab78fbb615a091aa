package dev.chat.stack.launcher;

import dev.chat.stack.servers.ManagedProcess;
import dev.chat.stack.servers.Ports;
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
 * The six services as child JVMs, each from its Quarkus fast-jar
 * ({@code <service>-service/target/quarkus-app/quarkus-run.jar}), configured by environment
 * variables to use the stack's servers.
 */
final class ServiceProcesses implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Map<String, ManagedProcess> running = new LinkedHashMap<>();
    private final Map<String, Integer> ports;

    ServiceProcesses(Map<String, Integer> ports) {
        this.ports = ports;
    }

    /** Starts every service, then waits until each reports ready; fails naming the first that does not. */
    ServiceProcesses start(Path repository, Path home, Map<String, String> serverEnvironment) {
        for (Map.Entry<String, Integer> service : ports.entrySet()) {
            String name = service.getKey() + "-service";
            Path jar = repository.resolve(name).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " does not exist; build first with ./mvnw install -DskipTests");
            }
            Ports.requireFree(service.getValue(), name + " HTTP", "--" + service.getKey() + "-port");
            Map<String, String> env = new LinkedHashMap<>(serverEnvironment);
            env.put("QUARKUS_HTTP_PORT", Integer.toString(service.getValue()));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-Dchat.stack.home=" + home, "-jar", jar.toString()));
            running.put(name, ManagedProcess.start(name, command, home.resolve("services").resolve(name), env,
                    home.resolve("logs").resolve(name + ".log"), home.resolve("pids")));
        }
        for (Map.Entry<String, ManagedProcess> service : running.entrySet()) {
            awaitReady(service.getValue(), ports.get(service.getKey().replace("-service", "")));
        }
        return this;
    }

    Map<String, ManagedProcess> running() {
        return running;
    }

    private static void awaitReady(ManagedProcess service, int port) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ready = URI.create("http://127.0.0.1:" + port + "/q/health/ready");
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            service.requireAlive();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(3)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException(service.name() + " was not ready within " + READY_TIMEOUT.toSeconds() + " s: "
                + last + "\nlast lines of " + service.logFile() + ":\n" + service.tail(30));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the services in reverse start order, together. */
    @Override
    public void close() {
        running.values().parallelStream().forEach(p -> p.stop(Duration.ofSeconds(20)));
        running.clear();
    }
}
