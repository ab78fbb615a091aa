package dev.chat.presence.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.ContactIds;
import dev.chat.routing.RedisKeys;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.ManagementPort;
import dev.chat.stack.testing.TestServers;
import dev.chat.stack.tokens.DevTokens;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
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

    @Inject
    QuarkusCqlSession cassandra;

    @InjectTestServers
    TestServers servers;

    @Test
    void aUserWithDevicesOnALiveGatewayIsOnlineAndDevicesOfLateOrDeadGatewaysDoNotCount() {
        UUID user = account("everyone");
        String live = "gw-" + UUID.randomUUID();
        String late = "gw-late-" + UUID.randomUUID();
        redis.value(String.class).set(RedisKeys.gateway(live), "127.0.0.1:1");
        redis.value(String.class).set(RedisKeys.gatewayAddress(late), "127.0.0.1:2");
        redis.hash(String.class).hset(RedisKeys.routes(user),
                Map.of("phone", live, "tablet", live, "laptop", "gw-dead-" + UUID.randomUUID(), "watch", late));

        signedIn().get("/v1/presence/" + user).then().statusCode(200)
                .body("userId", equalTo(user.toString()))
                .body("online", equalTo(true))
                .body("devices", equalTo(2));
    }

    @Test
    void anOfflineUserShowsWhenLastSeen() {
        UUID user = account("everyone");
        Instant seen = Instant.parse("2026-11-20T08:15:30Z");
        redis.value(String.class).set(RedisKeys.lastSeen(user), Long.toString(seen.toEpochMilli()));

        signedIn().get("/v1/presence/" + user).then().statusCode(200)
                .body("online", equalTo(false))
                .body("devices", equalTo(0))
                .body("lastSeen", equalTo("2026-11-20T08:15:30Z"))
                .body("visible", equalTo(true));
    }

    @Test
    void aBatchLookupAnswersForEveryUserInOrder() {
        UUID online = account("everyone");
        UUID unknown = UUID.randomUUID();
        String live = "gw-" + UUID.randomUUID();
        redis.value(String.class).set(RedisKeys.gateway(live), "127.0.0.1:1");
        redis.hash(String.class).hset(RedisKeys.routes(online), Map.of("phone", live));

        signedIn().contentType(ContentType.JSON).body(Map.of("userIds", List.of(unknown, online)))
                .post("/v1/presence/lookup").then().statusCode(200)
                .body("users[0].userId", equalTo(unknown.toString()))
                .body("users[0].online", equalTo(false))
                .body("users[0].lastSeen", nullValue())
                .body("users[0].visible", equalTo(false))
                .body("users[1].userId", equalTo(online.toString()))
                .body("users[1].online", equalTo(true));
    }

    @Test
    void presenceIsShownAsTheUsersSettingSaysContactsByDefault() {
        UUID viewer = account(null);
        UUID byDefault = online(account(null));
        UUID contactsHavingViewer = online(account("contacts"));
        UUID everyone = online(account("everyone"));
        UUID nobodyHavingViewer = online(account("nobody"));
        addToBook(contactsHavingViewer, viewer);
        addToBook(nobodyHavingViewer, viewer);

        as(viewer).contentType(ContentType.JSON)
                .body(Map.of("userIds", List.of(byDefault, contactsHavingViewer, everyone, nobodyHavingViewer, viewer)))
                .post("/v1/presence/lookup").then().statusCode(200)
                .body("users.visible", contains(false, true, true, false, true))
                .body("users.online", contains(false, true, true, false, false))
                .body("users.devices", contains(0, 1, 1, 0, 0));
        as(byDefault).get("/v1/presence/" + byDefault).then().body("online", equalTo(true));
    }

    @Test
    void aBlockEitherWayHidesPresenceBothWaysAndFromNobodyElse() {
        UUID blocker = online(account("everyone"));
        UUID blocked = online(account("everyone"));
        UUID bystander = account("everyone");
        block(blocker, blocked);

        as(blocked).get("/v1/presence/" + blocker).then().body("visible", equalTo(false)).body("online", equalTo(false));
        as(blocker).get("/v1/presence/" + blocked).then().body("visible", equalTo(false)).body("online", equalTo(false));
        as(bystander).get("/v1/presence/" + blocker).then().body("visible", equalTo(true)).body("online", equalTo(true));

        cassandra.execute("DELETE FROM blocks WHERE user_id = ? AND blocked_id = ?", blocker, blocked);
        as(blocked).get("/v1/presence/" + blocker).then().body("visible", equalTo(true)).body("online", equalTo(true));
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
        return as(account(null));
    }

    private RequestSpecification as(UUID user) {
        return given().auth().oauth2(servers.tokens().mint(user, "phone", Duration.ofHours(1)));
    }

    /** A registered user with a phone number of their own and the given setting (null: never chosen). */
    private UUID account(String presenceVisibility) {
        UUID user = UUID.randomUUID();
        cassandra.execute("INSERT INTO users (user_id, phone_number, display_name, presence_visibility) VALUES (?, ?, ?, ?)",
                user, phoneOf(user), "User", presenceVisibility);
        return user;
    }

    private static String phoneOf(UUID user) {
        return "+1555" + String.format("%07d", Math.floorMod(user.getLeastSignificantBits(), 10_000_000L));
    }

    /** {@code user} has one device on a live gateway. */
    private UUID online(UUID user) {
        String live = "gw-" + UUID.randomUUID();
        redis.value(String.class).set(RedisKeys.gateway(live), "127.0.0.1:1");
        redis.hash(String.class).hset(RedisKeys.routes(user), Map.of("phone", live));
        return user;
    }

    /** {@code owner}'s address book gets {@code contact}'s number, as contacts-service writes it. */
    private void addToBook(UUID owner, UUID contact) {
        cassandra.execute("INSERT INTO contacts (user_id, contact_id, contact_name, contact_number) VALUES (?, ?, ?, ?)",
                owner, ContactIds.of(phoneOf(contact)), "Friend", phoneOf(contact));
    }

    /** {@code user} blocks {@code blocked}, as message-service writes it. */
    private void block(UUID user, UUID blocked) {
        cassandra.execute("INSERT INTO blocks (user_id, blocked_id, blocked_at) VALUES (?, ?, toTimestamp(now()))", user, blocked);
    }

    @Test
    void theApiIsDescribedOnTheManagementPortAndQIsNotServedOnThePublicPort() {
        ManagementPort.assertNotServedOnThePublicPort();
        given().accept("application/json").get(openapi).then().statusCode(200)
                .body("paths.keySet()", hasItem("/v1/presence/{userId}"))
                .body("paths.keySet()", hasItem("/v1/presence/lookup"));
    }
}
