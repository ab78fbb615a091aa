package dev.chat.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.stack.servers.Ports;
import dev.chat.stack.servers.ServicePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The README's first command: the launcher brings up the three servers and all six services,
 * each ready against its real servers; SIGTERM and SIGINT leave no process behind; a second start
 * works on the kept data. The first start warms the stack up briefly through every service (the
 * default is a minute, docs/local-stack.md); the second skips it. The second start is a background job of a shell, which starts it with
 * SIGINT ignored: Ctrl-C (SIGINT) must stop it all the same.
 */
@Order(1) // before any cluster of the other classes runs beside it
class LocalStackLauncherTest {

    private static final List<String> SERVICES = List.of("gateway", "message", "delivery", "presence", "inbox", "contacts");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process launcher;

    @Test
    void theWholeSystemStartsStopsCleanlyAndStartsAgainOnItsData() throws Exception {
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "stack-");
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String service : SERVICES) {
            ports.put(service, ServicePorts.freeHttpBesides());
        }
        int webClientPort = ServicePorts.freeHttpBesides();
        List<String> serverPorts = List.of("--cassandra-port", Integer.toString(freePort()),
                "--cassandra-storage-port", Integer.toString(freePort()), "--kafka-port", Integer.toString(freePort()),
                "--kafka-controller-port", Integer.toString(freePort()), "--redis-port", Integer.toString(freePort()),
                "--s3-port", Integer.toString(freePort()), "--web-client-port", Integer.toString(webClientPort));

        Path firstLog = dataDir.resolveSibling(dataDir.getFileName() + "-first.log");
        launcher = start(dataDir, ports, serverPorts, List.of("--warm-up", "2"), firstLog);
        awaitLine(firstLog, "all services ready", Duration.ofMinutes(5));
        assertTrue(Files.readString(firstLog).matches("(?s).*schema migrations \\[1(, \\d+)*\\] applied.*"), "a new stack applies every migration");
        assertTrue(Files.readString(firstLog).matches("(?s).*warmed up in [0-9.]+ s: pairs: [^;]* 0 lost, 0 duplicated \\(0 stored twice\\), 0 out of order[^;]*; delivery [^;]*;"
                + " group: [^;]* 0 lost, 0 duplicated \\(0 stored twice\\), 0 out of order.*"),
                "both phases of the warm-up ran through the services, each lost nothing and showed nothing twice:\n"
                        + Files.readString(firstLog));
        assertEveryServiceReadyWithMetrics(ports);
        assertTheWebClientServesThePageWithTheApiBehindIt(webClientPort);
        List<ProcessHandle> children = launcher.descendants().toList();
        assertTrue(children.size() >= 11, "four servers, six services and the web client, found " + children.size());

        stop(launcher, "TERM");
        children.forEach(child -> assertTrue(!child.isAlive(), "left behind: " + child.info().commandLine().orElse("?")));

        Path secondLog = dataDir.resolveSibling(dataDir.getFileName() + "-second.log");
        launcher = startWithInterruptIgnored(dataDir, ports, serverPorts, List.of("--warm-up", "0"), secondLog);
        awaitLine(secondLog, "all services ready", Duration.ofMinutes(5));
        assertTrue(Files.readString(secondLog).contains("schema already current"), "the second start keeps the data");
        assertTrue(Files.readString(secondLog).contains("SIGINT was ignored when the launcher started"),
                "the launcher was started as a background job is");
        assertEveryServiceReadyWithMetrics(ports);
        children = launcher.descendants().toList();

        stop(launcher, "INT");
        children.forEach(child -> assertTrue(!child.isAlive(), "left behind: " + child.info().commandLine().orElse("?")));
    }

    @AfterEach
    void killLeftovers() {
        if (launcher != null && launcher.isAlive()) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private Process start(Path dataDir, Map<String, Integer> ports, List<String> serverPorts, List<String> options, Path log)
            throws IOException {
        return new ProcessBuilder(command(dataDir, ports, serverPorts, options)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** As a shell starts a background job: SIGINT ignored ({@code trap '' INT}), then the launcher in its place. */
    private Process startWithInterruptIgnored(Path dataDir, Map<String, Integer> ports, List<String> serverPorts,
            List<String> options, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "trap '' INT; exec \"$0\" \"$@\""));
        command.addAll(command(dataDir, ports, serverPorts, options));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static List<String> command(Path dataDir, Map<String, Integer> ports, List<String> serverPorts,
            List<String> options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Repository.launcherJar().toString(), "--data-dir", dataDir.toString()));
        command.addAll(serverPorts);
        command.addAll(options);
        ports.forEach((service, port) -> {
            command.add("--" + service + "-port");
            command.add(Integer.toString(port));
        });
        return command;
    }

    private void awaitLine(Path log, String line, Duration within) {
        Awaitility.await().atMost(within).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertTrue(launcher.isAlive(), "the launcher exited:\n" + Files.readString(log));
            return Files.readString(log).contains(line);
        });
    }

    private void assertEveryServiceReadyWithMetrics(Map<String, Integer> ports) throws Exception {
        for (Map.Entry<String, Integer> service : ports.entrySet()) {
            int management = ServicePorts.besides(service.getValue()).management();
            assertEquals(404, get(service.getValue(), "/q/metrics").statusCode(), service.getKey() + ": /q on the public port");
            HttpResponse<String> ready = get(management, "/q/health/ready");
            assertEquals(200, ready.statusCode(), service.getKey() + ": " + ready.body());
            assertTrue(ready.body().contains("\"status\": \"UP\""), service.getKey() + ": " + ready.body());
            HttpResponse<String> metrics = get(management, "/q/metrics");
            assertEquals(200, metrics.statusCode(), service.getKey() + " metrics");
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"), service.getKey() + " metrics");
        }
    }

    private void assertTheWebClientServesThePageWithTheApiBehindIt(int port) throws Exception {
        HttpResponse<String> page = get(port, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Chat</title>"), page.body());
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/accounts"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"phoneNumber\":\"" + Phones.fresh() + "\",\"displayName\":\"Web\"}"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, registered.statusCode(), "registration through the web client's origin: " + registered.body());
        assertTrue(registered.body().contains("\"token\""), registered.body());
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends SIGTERM or SIGINT, as a terminal's Ctrl-C or a process manager would, and waits for the exit. */
    private static void stop(Process process, String signal) throws Exception {
        new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "the launcher did not exit after SIG" + signal);
    }

    private static int freePort() {
        return Ports.free();
    }
}
