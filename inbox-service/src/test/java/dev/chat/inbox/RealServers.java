package dev.chat.inbox;

import dev.chat.stack.testing.ChatServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test of this module runs against a real Cassandra and Kafka, started once for the module. */
@WithTestResource(value = ChatServersTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "servers", value = "cassandra,kafka"))
public final class RealServers {
}
