package dev.chat.support.startup;

import dev.chat.support.startup.ServerAddresses.Address;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Fails a service's start, with a message that names the server, its address and the setting
 * that holds it, when a server the service is configured for cannot be reached within
 * {@code chat.startup.dependency-timeout} (default 30 s). Without it a misconfigured service
 * would start, report not-ready, and leave the reason to be dug out of client logs.
 *
 * <p>It checks the servers whose settings the service has: Cassandra
 * ({@code quarkus.cassandra.contact-points}), Kafka ({@code kafka.bootstrap.servers}) and Redis
 * ({@code quarkus.redis.hosts}). It checks that a TCP connection opens; the readiness checks keep
 * checking each server's protocol while the service runs.
 */
@ApplicationScoped
public class DependencyStartupCheck {

    private static final Logger LOG = Logger.getLogger(DependencyStartupCheck.class);

    /** A server the service depends on: its name, setting, environment variable and default port. */
    record Dependency(String server, String key, String environmentVariable, int defaultPort) {
    }

    static final List<Dependency> KNOWN = List.of(
            new Dependency("Cassandra", "quarkus.cassandra.contact-points", "QUARKUS_CASSANDRA_CONTACT_POINTS", 9042),
            new Dependency("Kafka", "kafka.bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS", 9092),
            new Dependency("Redis", "quarkus.redis.hosts", "QUARKUS_REDIS_HOSTS", 6379));

    private final Config config;
    private final StartupConfig settings;

    public DependencyStartupCheck(Config config, StartupConfig settings) {
        this.config = config;
        this.settings = settings;
    }

    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!settings.dependencyCheck()) {
            return;
        }
        List<String> problems = check(settings.dependencyTimeout());
        if (!problems.isEmpty()) {
            problems.forEach(LOG::error);
            throw new IllegalStateException(String.join("; ", problems));
        }
    }

    /** One message per configured server that did not accept a connection within {@code timeout}. */
    List<String> check(Duration timeout) {
        List<String> problems = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Dependency dependency : KNOWN) {
            Optional<String> value = config.getOptionalValue(dependency.key(), String.class);
            if (value.isEmpty()) {
                continue;
            }
            List<Address> addresses;
            try {
                addresses = ServerAddresses.parse(value.get(), dependency.defaultPort());
            } catch (IllegalArgumentException e) {
                problems.add(dependency.server() + " setting " + dependency.key() + " = '" + value.get()
                        + "' is not valid: " + e.getMessage());
                continue;
            }
            String failure = awaitAnyReachable(addresses, deadline);
            if (failure != null) {
                problems.add(dependency.server() + " is not reachable at " + value.get() + " (" + dependency.key()
                        + ", environment " + dependency.environmentVariable() + ") within " + timeout.toSeconds()
                        + " s: " + failure + ". Is it running? Locally: deploy/local-stack/start.sh --servers-only");
            }
        }
        return problems;
    }

    /** Null once one address accepts a connection; else the last error, when the deadline passes. */
    private static String awaitAnyReachable(List<Address> addresses, long deadlineNanos) {
        String lastError = "no attempt";
        do {
            for (Address address : addresses) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(address.host(), address.port()), 1000);
                    return null;
                } catch (IOException e) {
                    lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted";
            }
        } while (System.nanoTime() < deadlineNanos);
        return lastError;
    }
}
