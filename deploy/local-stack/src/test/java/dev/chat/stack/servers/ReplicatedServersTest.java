package dev.chat.stack.servers;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.chat.common.events.Topics;
import dev.chat.schema.CassandraMigrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The replicated stack's servers ({@code --cluster}): three real Cassandra nodes and three real
 * Kafka nodes on their own loopback addresses, each holding a copy of everything, so that a node
 * killed with SIGKILL loses nothing acknowledged and stops no write for longer than the others take
 * to notice it; and a Redis primary with a replica, whose Sentinels promote the replica when the
 * primary dies.
 */
class ReplicatedServersTest {

    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private static ProcessServers servers;
    private static CqlSession session;

    @BeforeAll
    static void startTheCluster() throws Exception {
        Path home = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "cluster-test-");
        servers = new ProcessServers(home, ServerPorts.free(), EnumSet.allOf(Server.class), "512m",
                Topology.REPLICATED).start();
        session = StackSetup.migrationSession(servers.cassandraContactPoint(), CassandraServer.DATACENTER);
        new CassandraMigrator(session, "replicated")
                .createKeyspaceIfMissing(Topology.REPLICATED.keyspaceReplication(CassandraServer.DATACENTER));
        session.execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS replicated.probe (id uuid PRIMARY KEY,"
                + " note text)").setTimeout(Duration.ofSeconds(30)));
        StackSetup.createTopics(servers.kafkaBootstrapServers(), 3, Topology.REPLICATED);
    }

    @AfterAll
    static void stopTheCluster() {
        if (session != null) {
            session.close();
        }
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void everyRowAndEveryRecordHasACopyOnEachNode() throws Exception {
        Map<String, String> replication = session.getMetadata().getKeyspace("replicated").orElseThrow().getReplication();
        assertEquals("3", replication.get(CassandraServer.DATACENTER));
        try (Admin admin = admin()) {
            TopicDescription messages = admin.describeTopics(List.of(Topics.MESSAGES)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Topics.MESSAGES);
            messages.partitions().forEach(p -> assertEquals(3, p.replicas().size(), "replicas of partition " + p.partition()));
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.MESSAGES);
            assertEquals("2", admin.describeConfigs(List.of(topic)).all().get(30, TimeUnit.SECONDS).get(topic)
                    .get("min.insync.replicas").value());
        }
    }

    @Test
    void aLoggedBatchAtQuorumOutlivesACassandraNodeKilledAndTheNodeComesBackWithEveryRow() {
        LocalServer third = servers.nodes(Server.CASSANDRA).get(2);
        third.kill();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        BatchStatement batch = BatchStatement.newInstance(BatchType.LOGGED,
                        insert(first, "written while a node was down"), insert(second, "in the same batch"))
                .setConsistencyLevel(DefaultConsistencyLevel.LOCAL_QUORUM);
        // Until the others have convicted the dead node, a logged batch may still pick it for the batch log.
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(DriverException.class)
                .until(() -> session.execute(batch).wasApplied());
        // Each node convicts the dead one on its own: a coordinator that has not yet may still wait for it.
        await().atMost(RECOVERY).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(DriverException.class)
                .until(() -> count(DefaultConsistencyLevel.LOCAL_QUORUM, first, second) == 2);
        assertThrows(DriverException.class, () -> count(DefaultConsistencyLevel.ALL, first, second),
                "three copies were asked for: with one node down, ALL cannot be had");

        third.start(RECOVERY);
        await().atMost(RECOVERY).pollInterval(Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(DriverException.class)
                .until(() -> count(DefaultConsistencyLevel.ALL, first, second) == 2);
    }

    @Test
    void aRecordAcknowledgedByAllInSyncReplicasOutlivesAKafkaNodeKilled() throws Exception {
        LocalServer second = servers.nodes(Server.KAFKA).get(1);
        second.kill();
        String key = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            producer.send(new ProducerRecord<>(Topics.TYPING, key, "sent while a node was down")).get(RECOVERY.toSeconds(),
                    TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig())) {
            consumer.subscribe(List.of(Topics.TYPING));
            await().atMost(RECOVERY).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key().equals(key)) {
                        return true;
                    }
                }
                return false;
            });
        }
        second.start(RECOVERY);
        try (Admin admin = admin()) {
            await().atMost(RECOVERY).pollInterval(Duration.ofSeconds(1)).until(() -> admin.describeCluster().nodes()
                    .get(5, TimeUnit.SECONDS).size() == 3);
        }
    }

    private static SimpleStatement insert(UUID id, String note) {
        return SimpleStatement.newInstance("INSERT INTO replicated.probe (id, note) VALUES (?, ?)", id, note);
    }

    private static int count(DefaultConsistencyLevel consistency, UUID... ids) {
        return session.execute(SimpleStatement.newInstance("SELECT id FROM replicated.probe WHERE id IN ?", List.of(ids))
                .setConsistencyLevel(consistency)).all().size();
    }

    private static Admin admin() {
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        return Admin.create(config);
    }

    private static Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) RECOVERY.toMillis());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return config;
    }

    private static Properties consumerConfig() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "replicated-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        return config;
    }

    @Test
    void theSentinelsPromoteTheReplicaWhenTheRedisPrimaryIsKilledAndARestartedNodeTakesTheRoleTheSentinelsGiveIt() {
        RedisServer primary = servers.redisPrimary();
        assertEquals(servers.nodes(Server.REDIS).get(0), primary);
        try (Jedis jedis = RedisServer.connect(primary.address(), primary.port())) {
            jedis.set("probe", "written before the failover");
        }
        RedisServer replica = (RedisServer) servers.nodes(Server.REDIS).get(1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> {
            try (Jedis jedis = RedisServer.connect(replica.address(), replica.port())) {
                return "written before the failover".equals(jedis.get("probe"));
            }
        });

        primary.kill();
        await().atMost(30, TimeUnit.SECONDS).until(() -> servers.redisPrimary() == replica);
        try (Jedis jedis = RedisServer.connect(replica.address(), replica.port())) {
            assertEquals("written before the failover", jedis.get("probe"));
            jedis.set("probe", "written after the failover"); // a replica would refuse the write
        }

        primary.start(RECOVERY);
        await().atMost(RECOVERY).until(() -> {
            try (Jedis jedis = RedisServer.connect(primary.address(), primary.port())) {
                return "written after the failover".equals(jedis.get("probe"));
            }
        });
        assertEquals(replica, servers.redisPrimary());

        // The primary restarted at once, before the Sentinels call it down: it comes back without
        // its data, still the primary (a restart that took the role it was first given made it a
        // replica of a replica, and every write failed: the chaos run, docs/reliability.md).
        replica.kill();
        replica.start(RECOVERY);
        try (Jedis jedis = RedisServer.connect(replica.address(), replica.port())) {
            assertEquals(null, jedis.get("probe"));
            jedis.set("probe", "written after the restart");
        }
        assertEquals(replica, servers.redisPrimary());
        await().atMost(RECOVERY).until(() -> {
            try (Jedis jedis = RedisServer.connect(primary.address(), primary.port())) {
                return "written after the restart".equals(jedis.get("probe"));
            }
        });
    }
}
