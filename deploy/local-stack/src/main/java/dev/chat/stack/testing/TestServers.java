package dev.chat.stack.testing;

import dev.chat.stack.servers.Server;
import dev.chat.stack.tokens.DevTokens;
import java.util.Map;
import java.util.Set;

/**
 * The servers a test module runs against, however they were provided. Tests that prove what
 * happens when a server goes away can {@link #stop} one, where the servers are their own.
 */
public interface TestServers extends AutoCloseable {

    Set<Server> servers();

    /** Mints tokens the services accept: their public key is part of {@link #quarkusConfig}. */
    DevTokens tokens();

    /** The Quarkus configuration that points a service at these servers and its token key. */
    Map<String, String> quarkusConfig();

    String cassandraContactPoint();

    String kafkaBootstrapServers();

    String redisUrl();

    /** The S3 API of the object store (path-style), with {@link dev.chat.stack.servers.S3ProxyServer}'s bucket and keys. */
    String s3Endpoint();

    /** Whether {@link #stop} is allowed: not for a developer's running stack. */
    boolean canStop();

    /** Stops one server; tests that use this run last in their module. */
    void stop(Server server);

    @Override
    void close();
}
