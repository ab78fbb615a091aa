package dev.chat.message.endpoints;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.MatcherAssert.assertThat;

import dev.chat.stack.testing.InternalApiAccess;
import dev.chat.stack.testing.InternalApiAccess.Operation;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The internal API admits gateway-service, its only caller; everyone else is refused, whichever endpoint they try. */
@QuarkusTest
class InternalApiAccessTest {

    @TestHTTPResource(value = "/openapi", management = true)
    URL openapi;

    @Test
    void everyInternalEndpointAdmitsOnlyGatewayServiceOnTheInternalPort() {
        var operations = InternalApiAccess.assertOnlyCallerGetsThrough(openapi, "gateway-service", "inbox-service");
        assertThat(operations, hasItem(new Operation("POST", "/internal/v1/batches")));
    }
}
