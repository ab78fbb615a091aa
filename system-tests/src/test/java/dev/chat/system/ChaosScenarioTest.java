package dev.chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.load.LoadTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The short chaos scenario of docs/reliability.md, through the load tool's {@code chaos} command:
 * a replicated stack of its own (three Cassandra and three Kafka nodes, Redis with a replica and
 * three Sentinels, two instances of every service), a few hundred messages from clients that
 * behave as the apps do, and three faults while they flow: a gateway killed, Redis restarted
 * empty, a Kafka node killed. Every acknowledged message must reach every device once, in order,
 * and be in history; the full run (every fault, 10,000 messages) is the documented command.
 */
@Order(2) // before the shared cluster starts: the scenario's stack takes the local stack's default ports
class ChaosScenarioTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FAULTS = List.of("gateway-killed", "redis-restarted-empty", "kafka-node-killed");

    @Test
    void aFewFaultsUnderTrafficLoseNothingShowNothingTwiceAndKeepEveryChatInOrder() throws Exception {
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "chaos-");

        int exit = LoadTool.commandLine().execute("chaos", "--seed", "7", "--messages", "400", "--pairs", "20",
                "--faults", String.join(",", FAULTS), "--lead-in", "10", "--fault-interval", "5", "--settle-timeout", "120",
                "--data-dir", dir.toString());

        JsonNode report = JSON.readTree(dir.resolve("chaos-report.json").toFile());
        JsonNode totals = report.get("totals");
        for (String check : List.of("lost", "shownTwice", "outOfOrder", "notStored", "storedExtra", "unreadMismatches")) {
            assertEquals(0, totals.get(check).asLong(), check + ": " + report.toPrettyString());
        }
        assertTrue(totals.get("messages").asLong() >= 400 && totals.get("acknowledged").asLong() == totals.get("messages").asLong(),
                "every message sent was acknowledged: " + totals);
        List<String> injected = new ArrayList<>();
        report.get("faults").forEach(f -> {
            if (f.has("injectedAtSeconds")) {
                injected.add(f.get("fault").asText());
            }
        });
        assertEquals(FAULTS.stream().sorted().toList(), injected.stream().sorted().toList(), "each fault injected once");
        assertEquals("pass", report.get("verdict").asText(), report.toPrettyString());
        assertEquals(0, exit);
    }
}
