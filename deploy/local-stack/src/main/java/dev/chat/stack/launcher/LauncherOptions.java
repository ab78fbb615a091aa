package dev.chat.stack.launcher;

import dev.chat.common.ids.DeviceIds;
import dev.chat.stack.servers.ServerPorts;
import dev.chat.stack.servers.ServiceInstances;
import dev.chat.stack.servers.ServicePorts;
import dev.chat.stack.servers.Topology;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** The launcher's command line. */
record LauncherOptions(boolean help, boolean serversOnly, boolean clean, Path dataDir, ServerPorts ports,
        Topology topology, Map<String, Integer> servicePorts, int webClientPort, int topicPartitions, int instances, int gateways, List<String> serviceJvmOptions,
        List<String> gatewayJvmOptions, int warmUpSeconds, TokenRequest token) {

    /**
     * Seconds of warm-up traffic before the stack is reported ready (StackWarmUp). Two minutes, not
     * one: with the full JIT, a minute left about 450 methods per busy service to be compiled by
     * C2 during a fresh stack's first minute of real traffic, whose p99 that pushed past 100 ms
     * (docs/benchmarks.md, sixteenth pass).
     */
    static final int DEFAULT_WARM_UP_SECONDS = 120;

    /** Where the browser client is served, with the API behind it on the same origin. */
    static final int DEFAULT_WEB_CLIENT_PORT = 8000;

    /** {@code token --user U --device D [--ttl-hours H]}: print a token instead of starting. */
    record TokenRequest(java.util.UUID user, String device, java.time.Duration ttl) {
    }

    static final String USAGE = """
            Usage: start.sh [options]
                   start.sh token --user <uuid> --device <id> [--ttl-hours N] [--data-dir DIR]

            Starts Cassandra, Kafka and Redis as child processes on 127.0.0.1, applies the schema,
            creates the topics, then starts the six services and the web client; Ctrl-C stops
            everything it started.

              --servers-only             start only the three servers (to run a service in quarkus:dev)
              --clean                    delete the data folder first (start from an empty stack)
              --cluster                  three Cassandra nodes and three Kafka nodes, each on its own
                                         loopback address (127.0.0.2-4, same ports), everything
                                         replicated three times; Redis with a replica and three
                                         Sentinels; two instances of every service
                                         (docs/reliability.md); Linux only
              --data-dir DIR             where data and logs go (default: .local-stack in the repository)
              --cassandra-port N         CQL port (default 19042)
              --cassandra-storage-port N Cassandra internode port (default 17010)
              --kafka-port N             Kafka broker port (default 19092)
              --kafka-controller-port N  Kafka KRaft controller port (default 19093)
              --redis-port N             Redis port (default 16379)
              --redis-sentinel-port N    Redis Sentinel port, --cluster only (default 16380)
              --s3-port N                the object store's S3 API, S3Proxy (default 19333)
              --web-client-port N        the web client and, behind it, the API on one origin (default 8000)
              --<service>-port N         HTTP port of a service, e.g. --gateway-port 8080
              --topic-partitions N       partitions of each topic created (default 6)
              --instances N              instances of every service (default 1, with --cluster 2);
                                         instance i listens on the service's port + 10 x (i - 1):
                                         message-service on 8081, 8091, ...
              --gateways N               gateway instances (default: as --instances), on the
                                         gateway port + 10 x (i - 1): 8080, 8090, 8100, ...
              --service-jvm-options "…"  the services' JVM options, replacing the defaults
                                         (what measured best, docs/benchmarks.md: "%s")
              --gateway-jvm-options "…"  the gateways' JVM options, replacing the above for them
                                         (default: the services' options when given, else
                                         "%s",
                                         a heap for the sockets and a young generation for what is in flight)
              --warm-up N                seconds of warm-up traffic before the stack reports ready
                                         (default 120; 0 starts cold, about two and a half minutes sooner)
              --help                     this text

            'token' prints a token for the gateway's socket, signed with the stack's own key
            (kept in <data-dir>/keys; the services are given its public key).
            """.formatted(String.join(" ", ServiceInstances.SERVICE_JVM_OPTIONS), String.join(" ", ServiceInstances.GATEWAY_JVM_OPTIONS));

    static LauncherOptions parse(List<String> args, Path defaultDataDir) {
        Deque<String> rest = new ArrayDeque<>(args);
        boolean tokenMode = !rest.isEmpty() && rest.peekFirst().equals("token");
        if (tokenMode) {
            rest.removeFirst();
        }
        java.util.UUID tokenUser = null;
        String tokenDevice = null;
        int tokenHours = 24;
        boolean help = false;
        boolean serversOnly = false;
        boolean clean = false;
        Topology topology = Topology.SINGLE;
        Path dataDir = defaultDataDir;
        ServerPorts d = ServerPorts.DEFAULTS;
        int cassandra = d.cassandra();
        int storage = d.cassandraStorage();
        int kafka = d.kafka();
        int controller = d.kafkaController();
        int redis = d.redis();
        int sentinel = d.redisSentinel();
        int s3 = d.s3();
        int partitions = 6;
        Integer instances = null;
        Integer gateways = null;
        List<String> serviceJvmOptions = null;
        List<String> gatewayJvmOptions = null;
        int warmUp = DEFAULT_WARM_UP_SECONDS;
        int webClient = DEFAULT_WEB_CLIENT_PORT;
        Map<String, Integer> servicePorts = ServiceInstances.defaultPorts();
        while (!rest.isEmpty()) {
            String option = rest.removeFirst();
            switch (option) {
                case "--help", "-h" -> help = true;
                case "--servers-only" -> serversOnly = true;
                case "--clean" -> clean = true;
                case "--cluster" -> topology = Topology.REPLICATED;
                case "--data-dir" -> dataDir = Path.of(value(option, rest));
                case "--cassandra-port" -> cassandra = port(option, rest);
                case "--cassandra-storage-port" -> storage = port(option, rest);
                case "--kafka-port" -> kafka = port(option, rest);
                case "--kafka-controller-port" -> controller = port(option, rest);
                case "--redis-port" -> redis = port(option, rest);
                case "--redis-sentinel-port" -> sentinel = port(option, rest);
                case "--s3-port" -> s3 = port(option, rest);
                case "--web-client-port" -> webClient = port(option, rest);
                case "--topic-partitions" -> partitions = number(option, rest, 1, 1000);
                case "--instances" -> instances = number(option, rest, 1, 9);
                case "--gateways" -> gateways = number(option, rest, 1, 20);
                case "--service-jvm-options" -> serviceJvmOptions = jvmOptions(option, rest);
                case "--gateway-jvm-options" -> gatewayJvmOptions = jvmOptions(option, rest);
                case "--warm-up" -> warmUp = number(option, rest, 0, 3600);
                case "--user" -> tokenUser = uuid(option, rest);
                case "--device" -> tokenDevice = value(option, rest);
                case "--ttl-hours" -> tokenHours = number(option, rest, 1, 24 * 365);
                default -> {
                    String service = option.startsWith("--") && option.endsWith("-port")
                            ? option.substring(2, option.length() - "-port".length()) : null;
                    if (service == null || !servicePorts.containsKey(service)) {
                        throw new IllegalArgumentException("unknown option " + option + "\n\n" + USAGE);
                    }
                    servicePorts.put(service, port(option, rest));
                }
            }
        }
        TokenRequest token = null;
        if (tokenMode && !help) {
            if (tokenUser == null || tokenDevice == null || !DeviceIds.isValid(tokenDevice)) {
                throw new IllegalArgumentException("token needs --user <uuid> and --device <" + DeviceIds.RULE + ">");
            }
            token = new TokenRequest(tokenUser, tokenDevice, java.time.Duration.ofHours(tokenHours));
        }
        int serviceInstances = instances != null ? instances : topology.replicated() ? 2 : 1;
        LauncherOptions options = new LauncherOptions(help, serversOnly, clean, dataDir.toAbsolutePath().normalize(),
                new ServerPorts(cassandra, storage, kafka, controller, redis, sentinel, s3), topology, servicePorts, webClient, partitions, serviceInstances,
                gateways != null ? gateways : serviceInstances,
                serviceJvmOptions, gatewayJvmOptions, warmUp, token);
        if (!tokenMode && !help) {
            options.requireDistinctPorts();
        }
        return options;
    }

    /**
     * Refuses a command line that gives one port two uses: a service's internal and management
     * ports are derived from its HTTP port ({@link ServicePorts#besides}) and its further instances
     * step up from it, so two options that look apart can still meet. Checked before anything
     * starts, because the services start side by side and a clash would show only as one of them
     * failing to bind half a minute later.
     */
    private void requireDistinctPorts() {
        Map<Integer, String> uses = new java.util.HashMap<>();
        claim(uses, ports.cassandra(), "Cassandra CQL (--cassandra-port)");
        claim(uses, ports.cassandraStorage(), "Cassandra storage (--cassandra-storage-port)");
        claim(uses, ports.kafka(), "Kafka broker (--kafka-port)");
        claim(uses, ports.kafkaController(), "Kafka controller (--kafka-controller-port)");
        claim(uses, ports.redis(), "Redis (--redis-port)");
        claim(uses, ports.s3(), "S3Proxy (--s3-port)");
        if (topology.replicated()) {
            claim(uses, ports.redisSentinel(), "Redis Sentinel (--redis-sentinel-port)");
        }
        if (serversOnly) {
            return;
        }
        ServicePorts web = ServicePorts.besides(webClientPort);
        claim(uses, web.http(), "the web client (--web-client-port) HTTP");
        claim(uses, web.management(), "the web client (--web-client-port) management");
        for (String service : servicePorts.keySet()) {
            int count = ServiceInstances.count(service, instances, gateways);
            for (int i = 1; i <= count; i++) {
                String instance = ServiceInstances.instanceName(service, i) + " (--" + service + "-port)";
                ServicePorts three = ServicePorts.besides(ServiceInstances.port(servicePorts, service, i));
                claim(uses, three.http(), instance + " HTTP");
                claim(uses, three.internal(), instance + " internal HTTPS");
                claim(uses, three.management(), instance + " management");
            }
        }
    }

    private static void claim(Map<Integer, String> uses, int port, String use) {
        String earlier = uses.putIfAbsent(port, use);
        if (earlier != null) {
            throw new IllegalArgumentException("port " + port + " would be both " + earlier + " and " + use
                    + "; a service's internal port is its HTTP port + 400, its management port + 1000,"
                    + " and instance i adds 10 x (i - 1). Choose ports further apart.");
        }
    }

    private static List<String> jvmOptions(String option, Deque<String> rest) {
        return List.of(value(option, rest).trim().split("\\s+"));
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.removeFirst();
    }

    private static java.util.UUID uuid(String option, Deque<String> rest) {
        String text = value(option, rest);
        try {
            return java.util.UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " needs a UUID, not '" + text + "'");
        }
    }

    private static int port(String option, Deque<String> rest) {
        return number(option, rest, 1, 65535);
    }

    private static int number(String option, Deque<String> rest, int min, int max) {
        String text = value(option, rest);
        try {
            int n = Integer.parseInt(text);
            if (n < min || n > max) {
                throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + text + "'");
        }
    }
}
