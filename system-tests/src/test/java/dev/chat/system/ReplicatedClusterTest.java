package dev.chat.system;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.chat.common.events.Topics;
import dev.chat.load.chaos.ChaosCommand;
import dev.chat.load.chaos.ChaosStack;
import dev.chat.schema.CassandraMigrator;
import dev.chat.stack.servers.CassandraServer;
import dev.chat.stack.servers.LocalServer;
import dev.chat.stack.servers.ProcessServers;
import dev.chat.stack.servers.RedisServer;
import dev.chat.stack.servers.Server;
import dev.chat.stack.servers.StackSetup;
import dev.chat.stack.servers.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import redis.clients.jedis.Jedis;

/**
 * The replicated stack ({@code --cluster}), as the chaos run starts it: three real Cassandra nodes
 * and three real Kafka nodes on their own loopback addresses, each holding a copy of everything, a
 * Redis primary with a replica and three Sentinels, two gateways and one instance of each other
 * service (the full run has two of each).
 *
 * <p>First the short chaos scenario of docs/reliability.md: a few hundred messages from clients
 * that behave as the apps do while Redis restarts empty and a gateway, message-service or
 * delivery-service instance is frozen for 15 s; every acknowledged message must reach every device
 * once, in order, and be in history (the full run, every fault and 10,000 messages, is the
 * documented command; a gateway killed, which takes half a minute to start again, is left to
 * OneToOneMessagingTest and the storm of LoadToolSmokeTest). Then the servers on
 * their own, each losing a node at the same time ({@link WhenANodeIsLost}): a node killed with
 * SIGKILL loses nothing acknowledged and stops no write for longer than the others take to notice
 * it, and the Sentinels promote the replica when the primary dies.
 * One stack for both, since starting one takes two minutes on two cores.
 */
@Order(2) // before the shared cluster starts: this stack takes the local stack's default ports
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicatedClusterTest {

    private static final Duration RECOVERY = Duration.ofSeconds(90);
    private static final List<String> FAULTS = List.of("redis-restarted-empty", "process-frozen");

    private static Path home;
    private static ChaosStack stack;
    private static ProcessServers servers;
    private static CqlSession session;

    @BeforeAll
    static void startTheCluster() throws Exception {
        home = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "cluster-test-");
        stack = new ChaosStack(home, 1).start(Repository.root());
        servers = stack.servers();
        session = StackSetup.migrationSession(servers.cassandraContactPoint(), CassandraServer.DATACENTER);
        new CassandraMigrator(session, "replicated")
                .createKeyspaceIfMissing(Topology.REPLICATED.keyspaceReplication(CassandraServer.DATACENTER));
        session.execute(SimpleStatement.newInstance("CREATE TABLE IF NOT EXISTS replicated.probe (id uuid PRIMARY KEY,"
                + " note text)").setTimeout(Duration.ofSeconds(30)));
    }

    @Test
    @Order(1)
    void aFewFaultsUnderTrafficLoseNothingShowNothingTwiceAndKeepEveryChatInOrder() throws Exception {
        boolean passed = ChaosCommand.runOn(stack, "--seed", "7", "--messages", "300", "--pairs", "20",
                "--faults", String.join(",", FAULTS), "--lead-in", "2", "--fault-interval", "0", "--settle-timeout", "120",
                "--data-dir", home.toString());

        JsonNode report = new ObjectMapper().readTree(home.resolve("chaos-report.json").toFile());
        JsonNode totals = report.get("totals");
        for (String check : List.of("lost", "shownTwice", "outOfOrder", "notStored", "storedExtra", "unreadMismatches")) {
            assertEquals(0, totals.get(check).asLong(), check + ": " + report.toPrettyString());
        }
        assertTrue(totals.get("messages").asLong() >= 300 && totals.get("acknowledged").asLong() == totals.get("messages").asLong(),
                "every message sent was acknowledged: " + totals);
        List<String> injected = new ArrayList<>();
        report.get("faults").forEach(f -> {
            if (f.has("injectedAtSeconds")) {
                injected.add(f.get("fault").asText());
            }
        });
        assertEquals(FAULTS.stream().sorted().toList(), injected.stream().sorted().toList(), "each fault injected once");
        assertTrue(passed, report.toPrettyString());
    }

    @AfterAll
    static void stopTheCluster() {
        if (session != null) {
            session.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(2)
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

    /**
     * Each server loses a node, all three at once: they are separate servers, and the waits (a
     * node convicted, a node back) overlap instead of adding up. After the checks above, so that
     * no node is down while those run (nested classes run after their enclosing class's tests).
     */
    @Nested
    class WhenANodeIsLost {

        @Test
        @Execution(ExecutionMode.CONCURRENT)
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
        @Execution(ExecutionMode.CONCURRENT)
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

        @Test
        @Execution(ExecutionMode.CONCURRENT)
        void theSentinelsPromoteTheReplicaWhenTheRedisPrimaryIsKilledAndARestartedNodeTakesTheRoleTheSentinelsGiveIt() {
            RedisServer primary = servers.redisPrimary();
            try (Jedis jedis = RedisServer.connect(primary.address(), primary.port())) {
                jedis.set("probe", "written before the failover");
            }
            RedisServer replica = (RedisServer) servers.nodes(Server.REDIS).stream().filter(node -> node != primary)
                    .findFirst().orElseThrow();
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
}
