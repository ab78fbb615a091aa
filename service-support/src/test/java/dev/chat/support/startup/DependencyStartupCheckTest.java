package dev.chat.support.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyStartupCheckTest {

    @Test
    void reachableServersPass() throws IOException {
        try (ServerSocket kafka = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DependencyStartupCheck check = checkWith(Map.of("kafka.bootstrap.servers", "127.0.0.1:" + kafka.getLocalPort()));
            assertEquals(List.of(), check.check(Duration.ofSeconds(2)));
        }
    }

    @Test
    void anUnreachableServerIsNamedWithItsSettingAndAddress() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        DependencyStartupCheck check = checkWith(Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + closedPort));
        List<String> problems = check.check(Duration.ofMillis(300));
        assertEquals(1, problems.size());
        String problem = problems.get(0);
        assertTrue(problem.startsWith("Redis is not reachable at redis://127.0.0.1:" + closedPort
                + " (quarkus.redis.hosts, environment QUARKUS_REDIS_HOSTS)"), problem);
        assertTrue(problem.contains("Connection refused"), problem);
    }

    @Test
    void anInvalidSettingIsReportedAsSuch() {
        DependencyStartupCheck check = checkWith(Map.of("quarkus.cassandra.contact-points", "cassandra:port"));
        assertEquals(List.of("Cassandra setting quarkus.cassandra.contact-points = 'cassandra:port' is not valid:"
                + " 'cassandra:port' has no valid port"), check.check(Duration.ofMillis(100)));
    }

    @Test
    void serversTheServiceIsNotConfiguredForAreNotChecked() {
        assertEquals(List.of(), checkWith(Map.of()).check(Duration.ofMillis(100)));
    }

    private static DependencyStartupCheck checkWith(Map<String, String> properties) {
        // Quarkus' converter reads durations such as "30s", as the services' configuration does.
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(StartupConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build();
        return new DependencyStartupCheck(config, config.getConfigMapping(StartupConfig.class));
    }
}
