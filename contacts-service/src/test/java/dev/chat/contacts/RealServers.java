package dev.chat.contacts;

import dev.chat.contacts.support.PresenceServiceStub;
import dev.chat.stack.testing.ChatServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every test of this module runs against a real Cassandra, started once for the module, and a
 * stand-in of presence-service's lookup (the real one answers in system-tests).
 */
@WithTestResource(value = ChatServersTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "servers", value = "cassandra"))
@WithTestResource(value = PresenceServiceStub.class, scope = TestResourceScope.GLOBAL)
public final class RealServers {
}
