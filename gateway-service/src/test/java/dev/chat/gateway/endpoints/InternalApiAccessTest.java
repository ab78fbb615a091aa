package dev.chat.gateway.endpoints;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chat.stack.testing.InternalApi;
import dev.chat.stack.testing.InternalApiAccess;
import dev.chat.stack.testing.InternalApiAccess.Operation;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The internal API admits delivery-service, its only caller; everyone else is refused, whichever endpoint they try. */
@QuarkusTest
class InternalApiAccessTest {

    @TestHTTPResource(value = "/openapi", management = true)
    URL openapi;

    @Test
    void everyInternalEndpointAdmitsOnlyDeliveryServiceOnTheInternalPort() {
        var operations = InternalApiAccess.assertOnlyCallerGetsThrough(openapi, "delivery-service", "gateway-service");
        assertThat(operations, hasItem(new Operation("POST", "/internal/v1/deliveries")));
    }

    @Test
    void messageServicesPathsThatTheGatewayCallsAreNeitherServedNorDocumentedHere() {
        assertEquals(List.of(new Operation("POST", "/internal/v1/deliveries")), InternalApiAccess.internalOperations(openapi));
        InternalApi.as("delivery-service").contentType(ContentType.JSON).body("{\"operations\":[]}")
                .post("/internal/v1/batches").then().statusCode(404).contentType("application/problem+json");
    }
}
