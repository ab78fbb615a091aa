package dev.chat.stack.launcher;

import dev.chat.stack.servers.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The six services of the local stack, one instance each. */
final class ServiceProcesses implements AutoCloseable {

    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private final Map<String, Integer> ports;

    ServiceProcesses(Map<String, Integer> ports) {
        this.ports = ports;
    }

    /** Starts every service, then waits until each reports ready; fails naming the first that does not. */
    ServiceProcesses start(Path repository, Path home, Map<String, String> serverEnvironment) {
        ports.forEach((service, port) -> {
            String name = service + "-service";
            running.put(name, ServiceProcess.start(repository, name, name, port, environment(service, serverEnvironment), home));
        });
        running.values().forEach(ServiceProcess::awaitReady);
        return this;
    }

    /** The servers, plus where each service finds the others. */
    private Map<String, String> environment(String service, Map<String, String> serverEnvironment) {
        Map<String, String> env = new LinkedHashMap<>(serverEnvironment);
        env.put("QUARKUS_REST_CLIENT_MESSAGE_SERVICE_URL", "http://127.0.0.1:" + ports.get("message"));
        if (service.equals("gateway")) {
            env.put("CHAT_GATEWAY_DRAIN_WINDOW", "2s"); // Ctrl-C on a laptop need not wait ten seconds
        }
        return env;
    }

    Map<String, ServiceProcess> running() {
        return running;
    }

    @Override
    public void close() {
        running.values().parallelStream().forEach(p -> p.stop(Duration.ofSeconds(30)));
        running.clear();
    }
}
