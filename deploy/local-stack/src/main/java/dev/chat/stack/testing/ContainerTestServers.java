package dev.chat.stack.testing;

import dev.chat.stack.servers.S3ProxyServer;
import dev.chat.stack.servers.Server;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.cassandra.CassandraContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;

/** Servers as Testcontainers, for machines with a Docker engine. */
final class ContainerTestServers extends AddressedServers {

    static final String CASSANDRA_IMAGE = "cassandra:5.0";
    static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    static final String REDIS_IMAGE = "redis:7.2";
    static final String S3PROXY_IMAGE = "andrewgaul/s3proxy:s3proxy-2.6.0";

    private final Map<Server, GenericContainer<?>> containers = new EnumMap<>(Server.class);

    ContainerTestServers(Set<Server> servers) {
        super(servers);
        if (servers.contains(Server.CASSANDRA)) {
            containers.put(Server.CASSANDRA, new CassandraContainer(CASSANDRA_IMAGE));
        }
        if (servers.contains(Server.KAFKA)) {
            containers.put(Server.KAFKA, new KafkaContainer(KAFKA_IMAGE));
        }
        if (servers.contains(Server.REDIS)) {
            containers.put(Server.REDIS, new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379));
        }
        if (servers.contains(Server.S3)) {
            // The same server and keys as the child process (S3ProxyServer); the bucket is a folder of its /data.
            containers.put(Server.S3, new GenericContainer<>(S3PROXY_IMAGE).withExposedPorts(80)
                    .withEnv(Map.of("S3PROXY_AUTHORIZATION", "aws-v2-or-v4", "S3PROXY_IDENTITY", S3ProxyServer.ACCESS_KEY,
                            "S3PROXY_CREDENTIAL", S3ProxyServer.SECRET_KEY, "S3PROXY_CORS_ALLOW_ALL", "true"))
                    .withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh", "-c",
                            "mkdir -p /data/" + S3ProxyServer.BUCKET + " && exec /opt/s3proxy/run-docker-container.sh")));
        }
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    ContainerTestServers start() {
        List<Startable> started = new ArrayList<>();
        try {
            for (GenericContainer<?> container : containers.values()) {
                container.start();
                started.add(container);
            }
        } catch (RuntimeException e) {
            started.forEach(Startable::stop);
            throw e;
        }
        setUp();
        return this;
    }

    private GenericContainer<?> container(Server server) {
        GenericContainer<?> container = containers.get(server);
        if (container == null) {
            throw new IllegalStateException(server + " was not requested by this test module");
        }
        return container;
    }

    @Override
    public String cassandraContactPoint() {
        GenericContainer<?> c = container(Server.CASSANDRA);
        return c.getHost() + ":" + c.getMappedPort(9042);
    }

    @Override
    public String kafkaBootstrapServers() {
        return ((KafkaContainer) container(Server.KAFKA)).getBootstrapServers();
    }

    @Override
    public String redisUrl() {
        GenericContainer<?> c = container(Server.REDIS);
        return "redis://" + c.getHost() + ":" + c.getMappedPort(6379);
    }

    @Override
    public String s3Endpoint() {
        GenericContainer<?> c = container(Server.S3);
        return "http://" + c.getHost() + ":" + c.getMappedPort(80);
    }

    @Override
    public boolean canStop() {
        return true;
    }

    @Override
    public void stop(Server server) {
        container(server).stop();
    }

    @Override
    public void close() {
        containers.values().forEach(GenericContainer::stop);
    }
}
