package dev.chat.stack.testing;

import dev.chat.stack.servers.S3ProxyServer;
import dev.chat.stack.servers.RunningStack;
import dev.chat.stack.servers.Server;
import java.util.Set;

/** The servers of a local stack the developer runs; never stopped by the tests. */
final class ReusedTestServers extends AddressedServers {

    private final RunningStack stack;

    ReusedTestServers(Set<Server> servers, RunningStack stack) {
        super(servers);
        this.stack = stack;
    }

    ReusedTestServers start() {
        setUp();
        return this;
    }

    @Override
    public String cassandraContactPoint() {
        return "127.0.0.1:" + stack.ports().cassandra();
    }

    @Override
    public String kafkaBootstrapServers() {
        return "127.0.0.1:" + stack.ports().kafka();
    }

    @Override
    public String redisUrl() {
        return "redis://127.0.0.1:" + stack.ports().redis();
    }

    @Override
    public String s3Endpoint() {
        return S3ProxyServer.endpoint(stack.ports().s3());
    }

    @Override
    public boolean canStop() {
        return false;
    }

    @Override
    public void stop(Server server) {
        throw new UnsupportedOperationException("the tests do not stop a developer's running stack");
    }

    @Override
    public void close() {
        // the stack belongs to its launcher
    }
}
