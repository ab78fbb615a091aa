package dev.chat.stack.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerLifeTest {

    private static final String SKIP_SCHEMA_FLUSHES = "-Dcassandra.unsafesystem=true";
    private static final String FIRST_JIT_TIER_ONLY = "-XX:TieredStopAtLevel=1";
    private static final EnumSet<Server> CASSANDRA_AND_KAFKA = EnumSet.of(Server.CASSANDRA, Server.KAFKA);

    @TempDir
    Path home;

    @Test
    void aTestsThrowawayServersSkipSchemaFlushesAndRunOnTheFirstJitTier() {
        ProcessServers servers = ProcessServers.throwaway(home, ServerPorts.free(), CASSANDRA_AND_KAFKA, "768m");
        List<String> cassandra = servers.server(Server.CASSANDRA).command();
        List<String> kafka = servers.server(Server.KAFKA).command();

        assertTrue(cassandra.contains(SKIP_SCHEMA_FLUSHES), "its folder is deleted when it stops: " + cassandra);
        assertTrue(cassandra.contains(FIRST_JIT_TIER_ONLY), cassandra.toString());
        assertTrue(kafka.contains(FIRST_JIT_TIER_ONLY), kafka.toString());
    }

    @Test
    void noServerWhoseDataIsStartedOnAgainSkipsThemOrTheFullJit() {
        ProcessServers stack = new ProcessServers(home.resolve("stack"), ServerPorts.free(), CASSANDRA_AND_KAFKA, "1g");
        ProcessServers cluster = new ProcessServers(home.resolve("cluster"), ServerPorts.free(), CASSANDRA_AND_KAFKA, "768m",
                Topology.REPLICATED);
        List<LocalServer> nodes = Stream.of(stack, cluster)
                .flatMap(servers -> Stream.concat(servers.nodes(Server.CASSANDRA).stream(), servers.nodes(Server.KAFKA).stream()))
                .toList();

        assertEquals(8, nodes.size());
        for (LocalServer node : nodes) {
            List<String> command = node.command();
            assertFalse(command.contains(SKIP_SCHEMA_FLUSHES),
                    node.name() + ": a node restarted after a crash would not know the tables created since its last flush");
            assertFalse(command.contains(FIRST_JIT_TIER_ONLY), node.name() + " runs long enough for the full JIT");
        }
    }
}
