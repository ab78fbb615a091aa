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
            running.put(name, ServiceProcess.start(repository, name, name, port, environment(service, home, serverEnvironment), home));
        });
        running.values().forEach(ServiceProcess::awaitReady);
        return this;
    }

    /** The servers, plus where each service finds the others. */
    private Map<String, String> environment(String service, Path home, Map<String, String> serverEnvironment) {
        Map<String, String> env = new LinkedHashMap<>(serverEnvironment);
        env.put("QUARKUS_REST_CLIENT_MESSAGE_SERVICE_URL", "http://127.0.0.1:" + ports.get("message"));
        env.put("QUARKUS_REST_CLIENT_PRESENCE_SERVICE_URL", "http://127.0.0.1:" + ports.get("presence"));
        if (service.equals("contacts")) {
            // Registration answers with a token signed by the stack's own key (README: Accounts).
            env.put("CHAT_ACCOUNTS_REGISTRATION", "local");
            env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", home.resolve("keys/private.pem").toString());
        }
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
