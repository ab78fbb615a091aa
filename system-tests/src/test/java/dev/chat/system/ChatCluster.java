package dev.chat.system;

import static io.restassured.RestAssured.given;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chat.stack.servers.CassandraServer;
import dev.chat.stack.servers.ProcessServers;
import dev.chat.stack.servers.Server;
import dev.chat.stack.servers.S3ProxyServer;
import dev.chat.routing.RedisKeys;
import dev.chat.stack.servers.ServerPorts;
import dev.chat.stack.servers.ServiceInstances;
import dev.chat.stack.servers.ServicePorts;
import dev.chat.stack.servers.ServiceProcess;
import dev.chat.stack.servers.StackSetup;
import dev.chat.stack.testing.SocketClient;
import dev.chat.stack.tokens.DevTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real system for cross-service tests: Cassandra, Kafka and Redis as child processes, one
 * message-service, presence-service, inbox-service and contacts-service (in local registration
 * mode), and several gateway and delivery-service instances, each its own JVM, started from the
 * packaged services. Everything is stopped by pid in {@link #close}.
 */
final class ChatCluster implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final Path home;
    private final ProcessServers servers;
    private final DevTokens tokens = DevTokens.generate();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<ServiceProcess> gateways = new ArrayList<>();
    private final List<ServiceProcess> deliveries = new ArrayList<>();
    private ServiceProcess messages;
    private int messageRestarts;
    private int gatewayRestarts;
    private ServiceProcess presence;
    private ServiceProcess inbox;
    private ServiceProcess contacts;
    private ServiceProcess webClient;
    private CqlSession cassandra;

    /** How long after sending a message may be edited on this cluster (15 minutes by default). */
    static final Duration EDIT_WINDOW = Duration.ofSeconds(8);

    private ChatCluster() throws IOException {
        home = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "cluster-");
        servers = ProcessServers.throwaway(home, ServerPorts.free(), EnumSet.allOf(Server.class), "768m");
    }

    static ChatCluster start(int gatewayCount, int deliveryCount) throws IOException {
        ChatCluster cluster = new ChatCluster();
        try {
            cluster.startAll(gatewayCount, deliveryCount);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(int gatewayCount, int deliveryCount) {
        servers.start(contactPoints -> StackSetup.applySchema(contactPoints, CassandraServer.DATACENTER));
        StackSetup.createTopics(servers.kafkaBootstrapServers(), 6);
        environment.put("QUARKUS_CASSANDRA_CONTACT_POINTS", servers.cassandraContactPoint());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBootstrapServers());
        environment.put("QUARKUS_REDIS_HOSTS", servers.redisUrl());
        environment.putAll(S3ProxyServer.serviceEnvironment(servers.s3Endpoint()));
        environment.put("MP_JWT_VERIFY_PUBLICKEY", tokens.publicKeyPem());
        environment.put("MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
        environment.put("CHAT_GATEWAY_HEARTBEAT_INTERVAL", "1s");
        environment.put("CHAT_GATEWAY_HEARTBEAT_TTL", "4s");
        environment.put("CHAT_GATEWAY_DRAIN_WINDOW", "2s");
        environment.put("CHAT_GATEWAY_CATCH_UP_RETRY_MAX_INTERVAL", "2s");
        environment.put("CHAT_ACTIONS_EDIT_WINDOW", EDIT_WINDOW.toSeconds() + "s"); // short enough for a test to see it close

        messages = ServiceProcess.start(Repository.root(), "message-service", "message-1", ServicePorts.free(), environment, home);
        environment.put("QUARKUS_REST_CLIENT_MESSAGE_SERVICE_URL", "https://127.0.0.1:" + messages.internalPort());
        presence = ServiceProcess.start(Repository.root(), "presence-service", "presence-1", ServicePorts.free(), environment, home);
        inbox = ServiceProcess.start(Repository.root(), "inbox-service", "inbox-1", ServicePorts.free(), environment, home);
        Map<String, String> contactsEnv = new LinkedHashMap<>(environment);
        contactsEnv.put("QUARKUS_REST_CLIENT_PRESENCE_SERVICE_URL", "http://127.0.0.1:" + presence.port());
        contactsEnv.put("CHAT_ACCOUNTS_REGISTRATION", "local");
        contactsEnv.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", writeSigningKey().toString());
        contacts = ServiceProcess.start(Repository.root(), "contacts-service", "contacts-1", ServicePorts.free(), contactsEnv, home);
        for (int i = 1; i <= deliveryCount; i++) {
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.put("KAFKA_CLIENT_ID", "delivery-" + i);
            deliveries.add(ServiceProcess.start(Repository.root(), "delivery-service", "delivery-" + i, ServicePorts.free(), env, home));
        }
        for (int i = 1; i <= gatewayCount; i++) {
            gateways.add(ServiceProcess.start(Repository.root(), "gateway-service", "gateway-" + i, ServicePorts.free(), environment, home));
        }
        messages.awaitReady();
        presence.awaitReady();
        inbox.awaitReady();
        contacts.awaitReady();
        deliveries.forEach(ServiceProcess::awaitReady);
        gateways.forEach(ServiceProcess::awaitReady);
    }

    String wsUrl(int gateway) {
        return "ws://127.0.0.1:" + gateways.get(gateway - 1).port() + "/ws";
    }

    /** Connects {@code device} of {@code user} to gateway {@code gateway} (1-based); waits for catch-up. */
    SocketClient connect(int gateway, UUID user, String device) {
        SocketClient socket = SocketClient.connect(wsUrl(gateway), tokens.mint(user, device, Duration.ofHours(1)));
        socket.next("synced", WAIT);
        return socket;
    }

    /** Registers an account with a fresh phone number through contacts-service; returns its user id. */
    UUID registerUser(String displayName) {
        return UUID.fromString(given().contentType("application/json")
                .body(Map.of("phoneNumber", Phones.fresh(), "displayName", displayName))
                .post(contactsUrl() + "/v1/accounts").then().statusCode(201).extract().path("userId"));
    }

    /** message-service: the public group and block APIs are under /v1/groups and /v1/blocks. */
    String messagesUrl() {
        return "http://127.0.0.1:" + messages.port();
    }

    String presenceUrl() {
        return "http://127.0.0.1:" + presence.port();
    }

    String contactsUrl() {
        return "http://127.0.0.1:" + contacts.port();
    }

    String inboxUrl() {
        return "http://127.0.0.1:" + inbox.port();
    }

    String token(UUID user, String device) {
        return tokens.mint(user, device, Duration.ofHours(1));
    }

    /** SIGKILL of message-service, as a crash; {@link #restartMessageService} brings it back on its port. */
    void killMessageService() {
        messages.kill();
    }

    /** Starts message-service again on the port it had, and waits until it is ready. */
    void restartMessageService() {
        messageRestarts++;
        messages = ServiceProcess.start(Repository.root(), "message-service", "message-1-restart-" + messageRestarts,
                messages.ports(), environment, home).awaitReady();
    }

    /** Starts gateway {@code i} (1-based) again on the port it had, after a kill or a stop; waits until it is ready. */
    void restartGateway(int i) {
        ServiceProcess old = gateways.get(i - 1);
        gatewayRestarts++;
        gateways.set(i - 1, ServiceProcess.start(Repository.root(), "gateway-service", old.instance() + "-restart-"
                + gatewayRestarts, old.ports(), environment, home).awaitReady());
    }

    ServiceProcess messageService() {
        return messages;
    }

    /**
     * The web client in front of this cluster's services, every gateway behind its /ws (started on
     * first use, stopped with the cluster); its URL.
     */
    synchronized String webClientUrl() {
        if (webClient == null) {
            Map<String, String> env = ServiceInstances.webClientEnvironment(Map.of(
                    "gateway", gateways.stream().map(ServiceProcess::port).toList(), "message", List.of(messages.port()),
                    "presence", List.of(presence.port()), "inbox", List.of(inbox.port()), "contacts", List.of(contacts.port())));
            webClient = ServiceProcess.start(Repository.root(), "web-client", ServiceInstances.WEB_CLIENT, ServicePorts.free(),
                    env, home).awaitReady();
        }
        return "http://127.0.0.1:" + webClient.port();
    }

    /** The gateway (1-based) that holds the socket of {@code user}'s {@code device}, from its route; 0 if none does. */
    int gatewayHolding(UUID user, String device) {
        java.net.URI redis = java.net.URI.create(servers.redisUrl());
        try (redis.clients.jedis.Jedis jedis = dev.chat.stack.servers.RedisServer.connect(redis.getHost(), redis.getPort())) {
            String instance = jedis.hget(RedisKeys.routes(user), device);
            String address = instance == null ? null : jedis.get(RedisKeys.gatewayAddress(instance));
            for (int i = 1; i <= gateways.size(); i++) {
                if (("127.0.0.1:" + gateways.get(i - 1).internalPort()).equals(address)) {
                    return i;
                }
            }
            return 0;
        }
    }

    /** Stops gateway {@code i} (1-based) as Kubernetes stops a pod: SIGTERM, its sockets closed with 1001. */
    void stopGateway(int i) {
        gateways.get(i - 1).stop(Duration.ofSeconds(30));
    }

    ServiceProcess gateway(int i) {
        return gateways.get(i - 1);
    }

    ServiceProcess delivery(int i) {
        return deliveries.get(i - 1);
    }

    String cassandraContactPoint() {
        return servers.cassandraContactPoint();
    }

    String kafkaBootstrapServers() {
        return servers.kafkaBootstrapServers();
    }

    CqlSession cassandra() {
        if (cassandra == null) {
            String[] hostPort = servers.cassandraContactPoint().split(":");
            cassandra = CqlSession.builder()
                    .addContactPoint(new java.net.InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])))
                    .withLocalDatacenter(CassandraServer.DATACENTER).withKeyspace(StackSetup.KEYSPACE).build();
        }
        return cassandra;
    }

    @Override
    public void close() {
        if (cassandra != null) {
            cassandra.close();
        }
        List<ServiceProcess> all = new ArrayList<>(gateways);
        all.addAll(deliveries);
        for (ServiceProcess one : new ServiceProcess[] {messages, presence, inbox, contacts, webClient}) {
            if (one != null) {
                all.add(one);
            }
        }
        all.parallelStream().filter(ServiceProcess::isAlive).forEach(p -> p.stop(Duration.ofSeconds(15)));
        servers.close();
        keepServiceLogs();
        try (java.util.stream.Stream<Path> paths = Files.walk(home)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The services' logs outlive the cluster, in target/cluster-logs, for reading after a failure. */
    private void keepServiceLogs() {
        Path services = home.resolve("logs");
        if (!Files.isDirectory(services)) {
            return;
        }
        Path kept = home.getParent().resolve("cluster-logs").resolve(home.getFileName());
        try (java.util.stream.Stream<Path> logs = Files.walk(services)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                Path target = kept.resolve(services.relativize(log));
                Files.createDirectories(target.getParent());
                Files.copy(log, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path writeSigningKey() {
        try {
            return Files.writeString(home.resolve("signing-key.pem"), tokens.privateKeyPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
