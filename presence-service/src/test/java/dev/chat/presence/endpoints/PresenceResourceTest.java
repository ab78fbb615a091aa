package dev.chat.presence.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.chat.common.presence.RedisKeys;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.ManagementPort;
import dev.chat.stack.testing.TestServers;
import dev.chat.stack.tokens.DevTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PresenceResourceTest {

    @TestHTTPResource(value = "/openapi", management = true)
    URL openapi;

    @Inject
    RedisDataSource redis;

    @InjectTestServers
    TestServers servers;

    @Test
    void aUserWithDevicesOnALiveGatewayIsOnlineAndDevicesOfDeadGatewaysDoNotCount() {
        UUID user = UUID.randomUUID();
        String live = "gw-" + UUID.randomUUID();
        redis.value(String.class).set(RedisKeys.gateway(live), "127.0.0.1:1");
        redis.hash(String.class).hset(RedisKeys.routes(user),
                Map.of("phone", live, "tablet", live, "laptop", "gw-dead-" + UUID.randomUUID()));

        signedIn().get("/v1/presence/" + user).then().statusCode(200)
                .body("userId", equalTo(user.toString()))
                .body("online", equalTo(true))
                .body("devices", equalTo(2));
    }

    @Test
    void anOfflineUserShowsWhenLastSeen() {
        UUID user = UUID.randomUUID();
        Instant seen = Instant.parse("2026-11-20T08:15:30Z");
        redis.value(String.class).set(RedisKeys.lastSeen(user), Long.toString(seen.toEpochMilli()));

        signedIn().get("/v1/presence/" + user).then().statusCode(200)
                .body("online", equalTo(false))
                .body("devices", equalTo(0))
                .body("lastSeen", equalTo("2026-11-20T08:15:30Z"));
    }

    @Test
    void aBatchLookupAnswersForEveryUserInOrder() {
        UUID online = UUID.randomUUID();
        UUID unknown = UUID.randomUUID();
        String live = "gw-" + UUID.randomUUID();
        redis.value(String.class).set(RedisKeys.gateway(live), "127.0.0.1:1");
        redis.hash(String.class).hset(RedisKeys.routes(online), Map.of("phone", live));

        signedIn().contentType(ContentType.JSON).body(Map.of("userIds", List.of(unknown, online)))
                .post("/v1/presence/lookup").then().statusCode(200)
                .body("users[0].userId", equalTo(unknown.toString()))
                .body("users[0].online", equalTo(false))
                .body("users[0].lastSeen", nullValue())
                .body("users[1].userId", equalTo(online.toString()))
                .body("users[1].online", equalTo(true));
    }

    @Test
    void badLookupsGetProblemBodies() {
        signedIn().get("/v1/presence/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", equalTo("'not-a-uuid' is not a user id (a UUID)"));
        signedIn().contentType(ContentType.JSON).body(Map.of("userIds", List.of()))
                .post("/v1/presence/lookup").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("userIds"));
        signedIn().contentType(ContentType.JSON)
                .body(Map.of("userIds", Collections.nCopies(PresenceResource.MAX_BATCH + 1, UUID.randomUUID())))
                .post("/v1/presence/lookup").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void withoutAValidTokenTheAnswerIs401() {
        given().get("/v1/presence/" + UUID.randomUUID()).then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
        String foreign = DevTokens.generate().mint(UUID.randomUUID(), "phone", Duration.ofHours(1));
        given().auth().oauth2(foreign).get("/v1/presence/" + UUID.randomUUID()).then().statusCode(401);
    }

    private RequestSpecification signedIn() {
        return given().auth().oauth2(servers.tokens().mint(UUID.randomUUID(), "phone", Duration.ofHours(1)));
    }

    @Test
    void theApiIsDescribedOnTheManagementPortAndQIsNotServedOnThePublicPort() {
        ManagementPort.assertNotServedOnThePublicPort();
        given().accept("application/json").get(openapi).then().statusCode(200)
                .body("paths.keySet()", hasItem("/v1/presence/{userId}"))
                .body("paths.keySet()", hasItem("/v1/presence/lookup"));
    }
}
