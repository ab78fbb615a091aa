package dev.chat.stack.servers;

import dev.chat.stack.tokens.DevTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The six services of a local stack, each as one or more instances: {@code message-service},
 * {@code message-service-2}, … with instance {@code i} on the service's port + 10 × (i - 1), and its
 * internal and management ports beside that ({@link ServicePorts#besides}). The gateway's count
 * may differ from the others'.
 *
 * <p>Where there are several instances of a service that others call (message-service for the
 * gateways, presence-service for contacts-service), the callers spread their calls over all of
 * them with SmallRye Stork, as a Kubernetes Service spreads connections over its pods: a static
 * list of the instances, and the {@code least-response-time} load balancer, which stops choosing an
 * instance that fails (one killed, say) until it answers again.
 *
 * <p>An instance stopped or killed can be started again with the same settings ({@link #restart}).
 */
public final class ServiceInstances implements AutoCloseable {

    /** How far apart two instances of one service are on the port range. */
    static final int INSTANCE_PORT_STEP = 10;

    /**
     * The services' JVM options unless told otherwise: small heaps, the serial collector and the
     * full JIT, which measured best for a running stack (docs/benchmarks.md, fifteenth pass: a
     * quarter less CPU in the busy services than the first tier alone).
     */
    public static final List<String> SERVICE_JVM_OPTIONS = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC");

    /**
     * The gateways' JVM options unless told otherwise: as the services', with a heap committed from
     * the start for the sockets' state (about 13 KB a socket), and a young generation of 80 MiB
     * with survivor spaces of 10 MiB. At 1,000 messages/s what is in flight when a young collection
     * runs is 3–4 MiB, more than the default survivor spaces of this heap take: it was promoted
     * after one collection and died in the old generation, which then filled every few minutes
     * (full collections of 150–260 ms; docs/benchmarks.md, eighteenth pass).
     */
    public static final List<String> GATEWAY_JVM_OPTIONS = List.of("-Xms192m", "-Xmx384m", "-Xmn80m", "-XX:SurvivorRatio=6",
            "-XX:+UseSerialGC");

    private final Map<String, Integer> ports;
    private final int instances;
    private final int gateways;
    private final List<String> jvmOptions;
    private final List<String> gatewayJvmOptions;
    private final Map<String, Launch> launches = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> running = new LinkedHashMap<>();

    /** How one instance is started, kept for a restart. */
    private record Launch(Path repository, String service, String instance, ServicePorts ports, Map<String, String> env,
            Path home, List<String> jvmOptions) {

        ServiceProcess start() {
            return ServiceProcess.start(repository, service, instance, ports, env, home, jvmOptions);
        }
    }

    /**
     * {@code ports}: each service's first HTTP port, by short name ({@code gateway}, {@code message},
     * …), in start order. Options null: {@link #SERVICE_JVM_OPTIONS}; gateway options null: the
     * services' options when those were given, else {@link #GATEWAY_JVM_OPTIONS}.
     */
    public ServiceInstances(Map<String, Integer> ports, int instances, int gateways, List<String> jvmOptions,
            List<String> gatewayJvmOptions) {
        this.ports = ports;
        this.instances = instances;
        this.gateways = gateways;
        this.jvmOptions = jvmOptions == null ? SERVICE_JVM_OPTIONS : jvmOptions;
        this.gatewayJvmOptions = gatewayJvmOptions != null ? gatewayJvmOptions
                : jvmOptions != null ? jvmOptions : GATEWAY_JVM_OPTIONS;
    }

    /** The six services' first HTTP ports, by short name, in start order: gateway 8080 to contacts 8085. */
    public static Map<String, Integer> defaultPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("gateway", 8080);
        ports.put("message", 8081);
        ports.put("delivery", 8082);
        ports.put("presence", 8083);
        ports.put("inbox", 8084);
        ports.put("contacts", 8085);
        return ports;
    }

    /** The HTTP port of instance {@code i} (1-based) of {@code service} (its short name). */
    public static int port(Map<String, Integer> ports, String service, int i) {
        return ports.get(service) + INSTANCE_PORT_STEP * (i - 1);
    }

    /** How many instances of {@code service} (its short name) run. */
    public int count(String service) {
        return count(service, instances, gateways);
    }

    /** How many instances of {@code service} run when each service runs {@code instances} and the gateway {@code gateways}. */
    public static int count(String service, int instances, int gateways) {
        return service.equals("gateway") ? gateways : instances;
    }

    /** An instance's name: {@code message-service} for the first, {@code message-service-2} for the second. */
    public static String instanceName(String service, int i) {
        return i == 1 ? service + "-service" : service + "-service-" + i;
    }

    /**
     * The servers' part of every service's environment: where Cassandra, Kafka, Redis and the
     * object store are and how tokens are checked.
     */
    public static Map<String, String> serverEnvironment(ProcessServers servers, Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_CASSANDRA_CONTACT_POINTS", servers.cassandraContactPoint());
        env.put("QUARKUS_CASSANDRA_LOCAL_DATACENTER", CassandraServer.DATACENTER);
        env.put("QUARKUS_CASSANDRA_KEYSPACE", StackSetup.KEYSPACE);
        env.put("KAFKA_BOOTSTRAP_SERVERS", servers.kafkaBootstrapServers());
        servers.redisClientConfig().forEach((property, value) -> env.put(environmentName(property), value));
        if (servers.servers().contains(Server.S3)) { // read by message-service, which keeps the attachments
            env.putAll(S3ProxyServer.serviceEnvironment(servers.s3Endpoint()));
        }
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", home.resolve("keys/public.pem").toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevTokens.ISSUER);
        return env;
    }

    /** The JVM options instances of {@code service} (its short name) start with. */
    List<String> jvmOptionsOf(String service) {
        return service.equals("gateway") ? gatewayJvmOptions : jvmOptions;
    }

    /** A configuration property's environment variable: {@code quarkus.redis.hosts} is {@code QUARKUS_REDIS_HOSTS}. */
    static String environmentName(String property) {
        return property.toUpperCase().replace('.', '_').replace('-', '_');
    }

    /** Starts every instance, then waits until each reports ready; fails naming the first that does not. */
    public ServiceInstances start(Path repository, Path home, Map<String, String> serverEnvironment) {
        ports.forEach((service, port) -> {
            for (int i = 1; i <= count(service); i++) {
                String instance = instanceName(service, i);
                Map<String, String> env = environment(service, home, serverEnvironment);
                env.put("KAFKA_CLIENT_ID", instance);
                Launch launch = new Launch(repository, service + "-service", instance,
                        ServicePorts.besides(port(ports, service, i)), env, home,
                        jvmOptionsOf(service));
                launches.put(instance, launch);
                running.put(instance, launch.start());
            }
        });
        running.values().forEach(ServiceProcess::awaitReady);
        return this;
    }

    /** The web client's instance name. */
    public static final String WEB_CLIENT = "web-client";

    /** The services whose public paths the web client routes on a stack without an ingress. */
    public static final List<String> PROXIED_BY_WEB_CLIENT = List.of("gateway", "message", "presence", "inbox", "contacts");

    /**
     * The web client's settings for a stack on 127.0.0.1: for each service of
     * {@link #PROXIED_BY_WEB_CLIENT}, the public HTTP ports of its instances.
     */
    public static Map<String, String> webClientEnvironment(Map<String, List<Integer>> httpPorts) {
        Map<String, String> env = new LinkedHashMap<>();
        httpPorts.forEach((service, servicePorts) -> env.put("CHAT_WEB_PROXY_" + environmentName(service),
                String.join(",", servicePorts.stream().map(p -> "127.0.0.1:" + p).toList())));
        return env;
    }

    /**
     * Starts the web client on {@code port} with every public path of the running services behind
     * it, as the ingress routes them, and waits until it is ready. It is stopped with the services.
     */
    public ServiceProcess startWebClient(Path repository, Path home, int port) {
        Map<String, List<Integer>> httpPorts = new LinkedHashMap<>();
        for (String service : PROXIED_BY_WEB_CLIENT) {
            httpPorts.put(service, IntStream.rangeClosed(1, count(service)).mapToObj(i -> port(ports, service, i)).toList());
        }
        Launch launch = new Launch(repository, WEB_CLIENT, WEB_CLIENT, ServicePorts.besides(port),
                webClientEnvironment(httpPorts), home, jvmOptions);
        launches.put(WEB_CLIENT, launch);
        ServiceProcess process = launch.start();
        running.put(WEB_CLIENT, process);
        return process.awaitReady();
    }

    /** Starts {@code instance} again, as it was first started, and waits until it is ready. */
    public ServiceProcess restart(String instance) {
        Launch launch = launches.get(instance);
        if (launch == null) {
            throw new IllegalArgumentException("no instance " + instance);
        }
        ServiceProcess process = launch.start();
        running.put(instance, process);
        return process.awaitReady();
    }

    /** Where each service finds the others, plus settings of their own. */
    private Map<String, String> environment(String service, Path home, Map<String, String> serverEnvironment) {
        Map<String, String> env = new LinkedHashMap<>(serverEnvironment);
        callee(env, "message", "https", ServicePorts::internal);
        callee(env, "presence", "http", ServicePorts::http);
        if (service.equals("contacts")) {
            // Registration answers with a token signed by the stack's own key (README: Accounts).
            env.put("CHAT_ACCOUNTS_REGISTRATION", "local");
            env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", home.resolve("keys/private.pem").toString());
        }
        if (service.equals("gateway")) {
            env.put("CHAT_GATEWAY_DRAIN_WINDOW", "2s"); // Ctrl-C on a laptop need not wait ten seconds
        }
        return env;
    }

    /** The REST client of {@code service}: its one instance's URL, or every instance through Stork. */
    private void callee(Map<String, String> env, String service, String scheme,
            java.util.function.ToIntFunction<ServicePorts> port) {
        List<String> addresses = IntStream.rangeClosed(1, count(service))
                .mapToObj(i -> "127.0.0.1:" + port.applyAsInt(ServicePorts.besides(port(ports, service, i))))
                .toList();
        String prefix = environmentName(service) + "_SERVICE";
        if (addresses.size() == 1) {
            env.put("QUARKUS_REST_CLIENT_" + prefix + "_URL", scheme + "://" + addresses.get(0));
        } else {
            // The callers' application.properties configure the Stork service (and whether it is
            // reached over TLS); only its instances vary.
            env.put("QUARKUS_REST_CLIENT_" + prefix + "_URL", "stork://" + service + "-service");
            env.put("CHAT_" + prefix + "_INSTANCES", String.join(",", addresses));
        }
    }

    /** Every running instance, by name, in start order. */
    public Map<String, ServiceProcess> running() {
        return running;
    }

    /** The instances of {@code service} (its short name), first instance first. */
    public List<ServiceProcess> instances(String service) {
        List<ServiceProcess> list = new ArrayList<>();
        for (int i = 1; i <= count(service); i++) {
            ServiceProcess process = running.get(instanceName(service, i));
            if (process != null) {
                list.add(process);
            }
        }
        return list;
    }

    @Override
    public void close() {
        running.values().parallelStream().forEach(p -> p.stop(Duration.ofSeconds(30)));
        running.clear();
    }
}
