package dev.chat.load.chaos;

import dev.chat.stack.servers.CassandraServer;
import dev.chat.stack.servers.ProcessServers;
import dev.chat.stack.servers.Server;
import dev.chat.stack.servers.ServerPorts;
import dev.chat.stack.servers.ServicePorts;
import dev.chat.stack.servers.ServiceInstances;
import dev.chat.stack.servers.ServiceProcess;
import dev.chat.stack.servers.StackSetup;
import dev.chat.stack.servers.Topology;
import dev.chat.stack.tls.InternalCertificates;
import dev.chat.stack.tokens.DevTokens;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

/**
 * The replicated stack a chaos run starts for itself and stops afterwards, by pid: three
 * Cassandra and three Kafka nodes, a Redis primary and replica with three Sentinels
 * ({@link Topology#REPLICATED}), and two instances of every service, on the local stack's
 * default ports (so a stack already running there makes the run fail at once, naming the port).
 */
public final class ChaosStack implements AutoCloseable {

    /** Gateways: always two, so that a killed or frozen one leaves its clients another to reconnect to. */
    static final int GATEWAYS = 2;

    final Path home;
    final ProcessServers servers;
    final ServiceInstances services;
    final Map<String, Integer> ports = ServiceInstances.defaultPorts();

    /** The chaos run's stack: two instances of every service. */
    public ChaosStack(Path home) {
        this(home, 2);
    }

    /**
     * A stack with {@code instances} of each service but the gateway (two): the system tests' short
     * scenario takes one, which starts faster and makes a killed or frozen instance an outage its
     * clients must ride out.
     */
    public ChaosStack(Path home, int instances) {
        this.home = home;
        this.servers = new ProcessServers(home, ServerPorts.DEFAULTS, EnumSet.allOf(Server.class), "1g", Topology.REPLICATED);
        // Quick-start JVMs: a chaos run measures recovery, not speed, and its many service JVMs
        // share two cores with a replicated cluster of every server, where the full JIT's
        // compiles would only slow every start and restart.
        this.services = new ServiceInstances(ports, instances, GATEWAYS, ServiceProcess.QUICK_START_JVM_OPTIONS, null);
    }

    /** Starts the servers, applies the schema, creates the topics, then starts every instance and waits until each is ready. */
    public ChaosStack start(Path repository) {
        servers.start(contactPoints -> StackSetup.applySchema(contactPoints, CassandraServer.DATACENTER, Topology.REPLICATED));
        StackSetup.createTopics(servers.kafkaBootstrapServers(), 6, Topology.REPLICATED);
        InternalCertificates.ensure(home.resolve("tls"));
        DevTokens.loadOrCreate(home.resolve("keys"));
        services.start(repository, home, ServiceInstances.serverEnvironment(servers, home));
        return this;
    }

    /** The stack's servers, for checks of their own (the system tests kill and restart nodes through it). */
    public ProcessServers servers() {
        return servers;
    }

    String url(String service, int instance) {
        return "http://127.0.0.1:" + ServiceInstances.port(ports, service, instance);
    }

    /** An instance's Prometheus endpoint, on its management port. */
    String metricsUrl(String service, int instance) {
        return "http://127.0.0.1:" + ServicePorts.besides(ServiceInstances.port(ports, service, instance)).management() + "/q/metrics";
    }

    String gatewaySocket(int instance) {
        return "ws://127.0.0.1:" + ServiceInstances.port(ports, "gateway", instance) + "/ws";
    }

    /** Stops every instance, then every server, by pid. */
    @Override
    public void close() {
        services.close();
        servers.close();
    }
}
