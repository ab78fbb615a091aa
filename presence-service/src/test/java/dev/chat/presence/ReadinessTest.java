package dev.chat.presence;

import dev.chat.stack.servers.Server;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.ReadinessAssertions;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** Runs last in the module: it stops the module's servers. */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class ReadinessTest {

    @TestHTTPResource(value = "/health", management = true)
    URL health;

    @InjectTestServers
    TestServers servers;

    @Test
    void readyOnlyWhileRedisAndCassandraAnswer() {
        ReadinessAssertions.assertReadinessFollowsServers(health, servers, Map.of(Server.REDIS, "Redis connection health check",
                Server.CASSANDRA, "DataStax Apache Cassandra Driver health check"));
    }
}
