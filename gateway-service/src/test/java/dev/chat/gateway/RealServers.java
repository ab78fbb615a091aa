package dev.chat.gateway;

import dev.chat.gateway.support.MessageServiceStub;
import dev.chat.stack.testing.ChatServersTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every test of this module runs against a real Redis, started once for the module, and a
 * stand-in of message-service's internal API (the real one runs in system-tests).
 */
@WithTestResource(value = ChatServersTestResource.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "servers", value = "redis"))
@WithTestResource(value = MessageServiceStub.class, scope = TestResourceScope.GLOBAL)
public final class RealServers {
}
