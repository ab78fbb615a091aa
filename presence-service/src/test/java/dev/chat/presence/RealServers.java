package dev.chat.presence;

import dev.chat.stack.testing.ChatServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/** Every test of this module runs against a real Cassandra and Redis, started once for the module. */
@WithTestResource(value = ChatServersTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "servers", value = "cassandra,redis"))
public final class RealServers {
}
