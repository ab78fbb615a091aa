package dev.chat.stack.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassandraServerTest {

    @TempDir
    Path home;

    @Test
    void whatTheCommandStartsRunsWithTheCoarseTimerSlack() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/self/timerslack_ns")), "a timer slack per process is Linux's");
        List<String> command = new ArrayList<>(CassandraServer.withCoarseTimerSlack());
        // A process the command starts inherits the slack as the JVM's threads do (both are clones).
        command.addAll(List.of("/bin/sh", "-c", "cat /proc/self/timerslack_ns"));

        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();

        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        assertEquals(Long.toString(CassandraServer.TIMER_SLACK_NANOS), printed);
    }

    @Test
    void everyCassandraNodeStartsThroughIt() {
        ProcessServers stack = new ProcessServers(home.resolve("stack"), ServerPorts.free(), EnumSet.of(Server.CASSANDRA), "1g");
        ProcessServers cluster = new ProcessServers(home.resolve("cluster"), ServerPorts.free(), EnumSet.of(Server.CASSANDRA), "768m",
                Topology.REPLICATED);
        ProcessServers throwaway = ProcessServers.throwaway(home.resolve("test"), ServerPorts.free(), EnumSet.of(Server.CASSANDRA), "768m");
        List<LocalServer> nodes = new ArrayList<>(stack.nodes(Server.CASSANDRA));
        nodes.addAll(cluster.nodes(Server.CASSANDRA));
        nodes.addAll(throwaway.nodes(Server.CASSANDRA));

        assertEquals(5, nodes.size());
        List<String> prefix = CassandraServer.withCoarseTimerSlack();
        for (LocalServer node : nodes) {
            assertEquals(prefix, node.command().subList(0, prefix.size()), node.name());
        }
    }
}
