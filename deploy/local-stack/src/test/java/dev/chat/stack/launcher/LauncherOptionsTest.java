package dev.chat.stack.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.stack.servers.ServerPorts;
import dev.chat.stack.servers.Topology;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LauncherOptionsTest {

    private static final Path HOME = Path.of("/tmp/stack-home");

    @Test
    void defaultsAvoidTheStandardPorts() {
        LauncherOptions options = LauncherOptions.parse(List.of(), HOME);
        assertEquals(ServerPorts.DEFAULTS, options.ports());
        assertFalse(options.serversOnly());
        assertFalse(options.clean());
        assertEquals(HOME, options.dataDir());
        assertEquals(8080, options.servicePorts().get("gateway"));
        assertEquals(6, options.servicePorts().size());
        assertEquals(Topology.SINGLE, options.topology());
    }

    @Test
    void clusterAsksForTheReplicatedTopology() {
        LauncherOptions options = LauncherOptions.parse(List.of("--cluster", "--servers-only"), HOME);
        assertEquals(Topology.REPLICATED, options.topology());
        assertTrue(options.serversOnly());
    }

    @Test
    void aClusterRunsTwoInstancesOfEveryServiceUnlessToldOtherwise() {
        LauncherOptions single = LauncherOptions.parse(List.of(), HOME);
        assertEquals(List.of(1, 1), List.of(single.instances(), single.gateways()));
        LauncherOptions cluster = LauncherOptions.parse(List.of("--cluster"), HOME);
        assertEquals(List.of(2, 2), List.of(cluster.instances(), cluster.gateways()));
        LauncherOptions chosen = LauncherOptions.parse(List.of("--cluster", "--instances", "3", "--gateways", "4"), HOME);
        assertEquals(List.of(3, 4), List.of(chosen.instances(), chosen.gateways()));
        assertEquals(List.of(2, 2), List.of(LauncherOptions.parse(List.of("--instances", "2"), HOME).instances(),
                LauncherOptions.parse(List.of("--instances", "2"), HOME).gateways()));
    }

    @Test
    void everyPortAndModeCanBeChosen() {
        LauncherOptions options = LauncherOptions.parse(List.of("--servers-only", "--clean", "--redis-port", "26379", "--redis-sentinel-port", "26380",
                "--kafka-port", "29092", "--inbox-port", "9084", "--data-dir", "/tmp/other"), HOME);
        assertTrue(options.serversOnly());
        assertTrue(options.clean());
        assertEquals(26379, options.ports().redis());
        assertEquals(26380, options.ports().redisSentinel());
        assertEquals(29092, options.ports().kafka());
        assertEquals(9084, options.servicePorts().get("inbox"));
        assertEquals(Path.of("/tmp/other"), options.dataDir());
    }

    @Test
    void gatewaysCanHaveJvmOptionsOfTheirOwn() {
        LauncherOptions options = LauncherOptions.parse(List.of("--service-jvm-options", " -Xmx1g  -XX:+UseG1GC ",
                "--gateway-jvm-options", "-Xmx512m -XX:+UseSerialGC"), HOME);
        assertEquals(List.of("-Xmx1g", "-XX:+UseG1GC"), options.serviceJvmOptions());
        assertEquals(List.of("-Xmx512m", "-XX:+UseSerialGC"), options.gatewayJvmOptions());
        assertEquals(null, LauncherOptions.parse(List.of(), HOME).gatewayJvmOptions());
    }

    @Test
    void theStackWarmsUpUnlessToldNotTo() {
        assertEquals(LauncherOptions.DEFAULT_WARM_UP_SECONDS, LauncherOptions.parse(List.of(), HOME).warmUpSeconds());
        assertEquals(0, LauncherOptions.parse(List.of("--warm-up", "0"), HOME).warmUpSeconds());
        assertEquals("--warm-up must be between 0 and 3600, not -1", assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse(List.of("--warm-up", "-1"), HOME)).getMessage());
    }

    @Test
    void badOptionsAreNamed() {
        assertEquals("--redis-port needs a number, not 'six'", assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse(List.of("--redis-port", "six"), HOME)).getMessage());
        assertEquals("--kafka-port must be between 1 and 65535, not 70000", assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse(List.of("--kafka-port", "70000"), HOME)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse(List.of("--turbo"), HOME)).getMessage().startsWith("unknown option --turbo"));
        assertEquals("--data-dir needs a value", assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse(List.of("--data-dir"), HOME)).getMessage());
    }

    @Test
    void theTokenCommandNeedsAUserAndADevice() {
        java.util.UUID user = java.util.UUID.randomUUID();
        LauncherOptions options = LauncherOptions.parse(List.of("token", "--user", user.toString(), "--device", "phone"), HOME);
        assertEquals(user, options.token().user());
        assertEquals("phone", options.token().device());
        assertEquals(java.time.Duration.ofHours(24), options.token().ttl());
        assertEquals("--user needs a UUID, not 'bob'", assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse(List.of("token", "--user", "bob", "--device", "phone"), HOME)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> LauncherOptions.parse(List.of("token", "--device", "phone"), HOME));
        assertEquals(null, LauncherOptions.parse(List.of(), HOME).token());
    }

    @Test
    void aPortWithTwoUsesIsRefusedBeforeAnythingStarts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse(List.of("--gateway-port", "20000", "--message-port", "21000"), HOME));
        assertEquals("port 21000 would be both gateway-service (--gateway-port) management and message-service (--message-port) HTTP;"
                + " a service's internal port is its HTTP port + 400, its management port + 1000, and instance i adds"
                + " 10 x (i - 1). Choose ports further apart.", e.getMessage());
        IllegalArgumentException secondInstance = assertThrows(IllegalArgumentException.class,
                () -> LauncherOptions.parse(List.of("--instances", "2", "--redis-port", "8091"), HOME));
        assertTrue(secondInstance.getMessage().startsWith("port 8091 would be both Redis (--redis-port) and message-service-2"),
                secondInstance.getMessage());
        assertEquals(20000, LauncherOptions.parse(List.of("--servers-only", "--gateway-port", "20000", "--message-port", "21000"),
                HOME).servicePorts().get("gateway"), "without services only the servers' ports count");
    }
}
