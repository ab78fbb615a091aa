package dev.chat.stack.testing;

import dev.chat.stack.servers.ProcessServers;
import dev.chat.stack.servers.Server;
import dev.chat.stack.servers.ServerPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Servers as child processes of the test JVM, on free ports, with data in a fresh folder under
 * {@code target/} that is deleted when they stop.
 */
final class ProcessTestServers extends AddressedServers {

    private final ProcessServers processes;
    private final Path home;

    ProcessTestServers(Set<Server> servers) {
        super(servers);
        try {
            Path target = Files.createDirectories(Path.of("target"));
            this.home = Files.createTempDirectory(target.toAbsolutePath(), "test-servers-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.processes = ProcessServers.throwaway(home, ServerPorts.free(), servers, "768m");
    }

    ProcessTestServers start() {
        // The schema goes in while Kafka and the others are still starting.
        processes.start(AddressedServers::applySchema);
        createTopics();
        return this;
    }

    @Override
    public String cassandraContactPoint() {
        return processes.cassandraContactPoint();
    }

    @Override
    public String kafkaBootstrapServers() {
        return processes.kafkaBootstrapServers();
    }

    @Override
    public String redisUrl() {
        return processes.redisUrl();
    }

    @Override
    public String s3Endpoint() {
        return processes.s3Endpoint();
    }

    @Override
    public boolean canStop() {
        return true;
    }

    @Override
    public void stop(Server server) {
        processes.server(server).stop();
    }

    @Override
    public void close() {
        processes.close();
        try (Stream<Path> paths = Files.walk(home)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
