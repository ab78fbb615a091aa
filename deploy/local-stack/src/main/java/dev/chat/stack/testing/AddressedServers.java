package dev.chat.stack.testing;

import dev.chat.stack.servers.S3ProxyServer;
import dev.chat.stack.servers.CassandraServer;
import dev.chat.stack.servers.Server;
import dev.chat.stack.servers.StackSetup;
import dev.chat.stack.tokens.DevTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What every kind of {@link TestServers} derives the same way from the servers' addresses. */
abstract class AddressedServers implements TestServers {

    private final Set<Server> servers;
    private final DevTokens tokens = DevTokens.generate();

    AddressedServers(Set<Server> servers) {
        this.servers = servers;
    }

    @Override
    public final DevTokens tokens() {
        return tokens;
    }

    @Override
    public final Set<Server> servers() {
        return servers;
    }

    /** Applies the schema and creates the topics on the servers that are part of this set. */
    final void setUp() {
        if (servers.contains(Server.CASSANDRA)) {
            applySchema(cassandraContactPoint());
        }
        createTopics();
    }

    /** Applies the schema through {@code contactPoint}. */
    static void applySchema(String contactPoint) {
        StackSetup.applySchema(contactPoint, CassandraServer.DATACENTER);
    }

    /** Creates the topics, when Kafka is part of this set. */
    final void createTopics() {
        if (servers.contains(Server.KAFKA)) {
            StackSetup.createTopics(kafkaBootstrapServers(), 6);
        }
    }

    @Override
    public final Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        if (servers.contains(Server.CASSANDRA)) {
            config.put("quarkus.cassandra.contact-points", cassandraContactPoint());
            config.put("quarkus.cassandra.local-datacenter", CassandraServer.DATACENTER);
            config.put("quarkus.cassandra.keyspace", StackSetup.KEYSPACE);
        }
        if (servers.contains(Server.KAFKA)) {
            config.put("kafka.bootstrap.servers", kafkaBootstrapServers());
        }
        if (servers.contains(Server.REDIS)) {
            config.put("quarkus.redis.hosts", redisUrl());
        }
        if (servers.contains(Server.S3)) {
            config.putAll(S3ProxyServer.serviceConfig(s3Endpoint()));
        }
        config.put("mp.jwt.verify.publickey", tokens.publicKeyPem());
        config.put("mp.jwt.verify.issuer", DevTokens.ISSUER);
        config.put("smallrye.jwt.sign.key", tokens.privateKeyPem()); // read by contacts-service only
        return config;
    }
}
