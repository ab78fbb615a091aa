package dev.chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.load.LoadTool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A small run of every load-tool workload (seconds, a few users) against the real system with two
 * gateways (the shared cluster), through the tool's command line, so that the tool keeps working as the system changes.
 * Each run must be clean and its result file must hold what the workload measures. Storm runs
 * last: it kills the first gateway.
 */
@ExtendWith(SharedCluster.class)
@Order(Integer.MAX_VALUE) // storm kills a gateway of the shared cluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadToolSmokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static ChatCluster cluster;
    private static Path results;

    @BeforeAll
    static void joinCluster() throws IOException {
        cluster = SharedCluster.get();
        results = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "load-results-");
    }

    @Test
    @Order(1)
    void connectionsHoldsEverySocketAndMeasuresTheGatewaysMemoryPerSocket() {
        JsonNode result = run("connections", "--sockets", "20", "--connect-rate", "50", "--hold", "1", "--registered",
                "--watch", "gateway-1=" + cluster.gateway(1).pid());

        assertEquals(20, result.at("/results/heldAtEnd").asInt());
        assertEquals(0, result.at("/results/failed").asInt());
        assertTrue(result.at("/results/rssPerSocketKb").isNumber());
        assertTrue(result.at("/servers/gateway-1/maxRssMb").asDouble() > 50, "the gateway's RSS was sampled");
    }

    @Test
    @Order(2)
    void pairsDeliversEveryMessageOnceAndInOrderWithItsReactionsAndAttachments() {
        JsonNode result = run("pairs", "--pairs", "4", "--rate", "40", "--warmup", "1", "--duration", "3", "--drain", "20",
                "--reactions", "25", "--attachments", "20", "--attachment-size", "4096");

        long acked = result.at("/results/acked").asLong();
        assertTrue(acked >= 150, "about 160 messages were sent and acknowledged: " + acked);
        assertEquals(acked, result.at("/results/received").asLong());
        assertEquals(0, result.at("/results/lost").asLong());
        assertEquals(0, result.at("/results/duplicated").asLong());
        assertEquals(0, result.at("/results/storedTwice").asLong());
        assertEquals(0, result.at("/results/outOfOrder").asLong());
        assertTrue(result.at("/results/deliveryLatencyMs/count").asLong() > 0, "latency was measured after warm-up");
        long reactions = result.at("/results/reactions/acked").asLong();
        assertTrue(reactions >= 20, "about a quarter of the messages got a reaction: " + result.at("/results/reactions"));
        assertEquals(reactions, result.at("/results/reactions/received").asLong());
        assertEquals(0, result.at("/results/reactions/lost").asLong());
        assertEquals(0, result.at("/results/reactions/duplicated").asLong());
        assertEquals(0, result.at("/results/reactions/refused").asLong());
        assertEquals(4, result.at("/results/attachmentUploads/count").asInt(), "one upload per pair");
        assertTrue(result.at("/results/sentWithAttachment").asLong() >= 25, "a fifth of the messages carried it: "
                + result.at("/results"));
    }

    @Test
    @Order(3)
    void rampStepsUpAndReportsTheHighestPassingRate() {
        JsonNode result = run("ramp", "--pairs", "4", "--start-rate", "20", "--step-rate", "20", "--step-seconds", "2",
                "--p99-bound", "5000", "--bisect", "0", "--warmup", "1");

        assertTrue(result.at("/results/warmUp/sent").asLong() > 0, "the warm-up sent messages before the first step");
        JsonNode steps = result.at("/results/steps");
        assertTrue(steps.size() >= 2, "the ramp stepped past its first rate");
        assertTrue(result.at("/results/highestPassingRate").asDouble() >= 20);
        assertTrue(steps.get(0).get("passed").asBoolean());
    }

    @Test
    @Order(4)
    void groupFansEveryMessageOutToEveryOtherMember() {
        JsonNode result = run("group", "--members", "5", "--senders", "2", "--rate", "10", "--warmup", "1", "--duration", "2");

        long acked = result.at("/results/acked").asLong();
        assertTrue(acked >= 25, "about 30 messages were acknowledged: " + acked);
        assertEquals(acked * 4, result.at("/results/received").asLong(), "each reached the other four members");
        assertEquals(0, result.at("/results/lost").asLong());
        assertEquals(0, result.at("/results/duplicated").asLong());
        assertEquals(0, result.at("/results/storedTwice").asLong());
    }

    @Test
    @Order(5)
    void cassandraCeilingWritesTheBatchOfOneMessageAndMeasuresItsRate() {
        JsonNode result = run("cassandra-ceiling", "--cassandra", cluster.cassandraContactPoint(), "--in-flight", "8",
                "--warmup", "1", "--duration", "2");

        assertTrue(result.at("/results/messagesPerSecond").asLong() > 10, "batches were written: " + result.at("/results"));
        assertEquals(0, result.at("/results/failed").asLong());
        assertEquals(5, cluster.cassandra().execute("SELECT * FROM chat_ceiling.messages LIMIT 5").all().size(),
                "the rows are in a keyspace of their own");

        JsonNode unlogged = runInto("cassandra-ceiling-unlogged", "cassandra-ceiling", "--cassandra",
                cluster.cassandraContactPoint(), "--in-flight", "8", "--warmup", "1", "--duration", "2", "--shape", "unlogged", "--messages-per-request", "10");
        long requests = unlogged.at("/results/requestsPerSecond").asLong();
        assertTrue(requests > 1 && Math.abs(unlogged.at("/results/messagesPerSecond").asLong() - 10 * requests) <= 10,
                "ten messages a request: " + unlogged.at("/results"));
        assertEquals(0, unlogged.at("/results/failed").asLong());
    }

    @Test
    @Order(6)
    void stormReconnectsTheKilledGatewaysClientsElsewhereAndCatchesThemUp() {
        JsonNode result = run("storm", "--clients", "10", "--victim-pid", Long.toString(cluster.gateway(1).pid()),
                "--messages-per-client", "2", "--send-rate", "40", "--jitter", "300", "--timeout", "60");

        assertFalse(cluster.gateway(1).isAlive(), "the victim was killed");
        assertEquals(10, result.at("/results/reconnected").asInt());
        assertEquals(20, result.at("/results/acked").asLong());
        assertEquals(20, result.at("/results/received").asLong());
        assertEquals(0, result.at("/results/lost").asLong());
        assertTrue(result.at("/results/secondsUntilAllCaughtUp").isNumber());
    }

    /** Runs the tool against the cluster; asserts a clean exit and a result file with a plot beside it. */
    private static JsonNode run(String workload, String... options) {
        return runInto(workload, workload, options);
    }

    /** As {@link #run}, with the result in a folder of its own, for a second run of one workload. */
    private static JsonNode runInto(String folder, String workload, String... options) {
        List<String> args = new ArrayList<>(List.of(workload,
                "--gateway", cluster.wsUrl(1), "--gateway", cluster.wsUrl(2),
                "--contacts", cluster.contactsUrl(), "--messages", cluster.messagesUrl(),
                "--results", results.resolve(folder).toString(), "--progress", "1"));
        args.addAll(List.of(options));
        int exit = LoadTool.commandLine().execute(args.toArray(String[]::new));
        assertEquals(0, exit, workload + " exited " + exit);
        try (Stream<Path> files = Files.list(results.resolve(folder))) {
            Path json = files.filter(p -> p.toString().endsWith(".json")).findFirst().orElseThrow();
            assertTrue(Files.size(json.resolveSibling(json.getFileName().toString().replace(".json", ".png"))) > 1000,
                    "a plot was written");
            return JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
