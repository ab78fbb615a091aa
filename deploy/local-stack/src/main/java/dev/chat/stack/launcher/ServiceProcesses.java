package dev.chat.stack.launcher;

import dev.chat.stack.servers.ServiceProcess;
import dev.chat.stack.servers.ServicePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The six services of the local stack: one instance each, except the gateway, of which there may
 * be several ({@code gateway-service}, {@code gateway-service-2}, … on the gateway port, +10, +20, …).
 * Each has its internal and management ports beside its HTTP port ({@link ServicePorts#besides}).
 */
final class ServiceProcesses implements AutoCloseable {

    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();
    private final Map<String, Integer> ports;
    private final int gateways;
    private final List<String> jvmOptions;
    private final List<String> gatewayJvmOptions;

    /** Options null: {@link ServiceProcess#DEFAULT_JVM_OPTIONS}; gateway options null: the services' own. */
    ServiceProcesses(Map<String, Integer> ports, int gateways, List<String> jvmOptions, List<String> gatewayJvmOptions) {
        this.ports = ports;
        this.gateways = gateways;
        this.jvmOptions = jvmOptions == null ? ServiceProcess.DEFAULT_JVM_OPTIONS : jvmOptions;
        this.gatewayJvmOptions = gatewayJvmOptions == null ? this.jvmOptions : gatewayJvmOptions;
    }

    /** The HTTP port of gateway instance {@code i} (1-based). */
    static int gatewayPort(Map<String, Integer> ports, int i) {
        return ports.get("gateway") + 10 * (i - 1);
    }

    /** Starts every service, then waits until each reports ready; fails naming the first that does not. */
    ServiceProcesses start(Path repository, Path home, Map<String, String> serverEnvironment) {
        ports.forEach((service, port) -> {
            String name = service + "-service";
            int instances = service.equals("gateway") ? gateways : 1;
            for (int i = 1; i <= instances; i++) {
                String instance = i == 1 ? name : name + "-" + i;
                int instancePort = service.equals("gateway") ? gatewayPort(ports, i) : port;
                running.put(instance, ServiceProcess.start(repository, name, instance, ServicePorts.besides(instancePort),
                        environment(service, home, serverEnvironment), home,
                        service.equals("gateway") ? gatewayJvmOptions : jvmOptions));
            }
        });
        running.values().forEach(ServiceProcess::awaitReady);
        return this;
    }

    /** The servers, plus where each service finds the others. */
    private Map<String, String> environment(String service, Path home, Map<String, String> serverEnvironment) {
        Map<String, String> env = new LinkedHashMap<>(serverEnvironment);
        env.put("QUARKUS_REST_CLIENT_MESSAGE_SERVICE_URL",
                "https://127.0.0.1:" + ServicePorts.besides(ports.get("message")).internal());
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
