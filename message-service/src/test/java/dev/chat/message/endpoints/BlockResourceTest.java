package dev.chat.message.endpoints;

import static dev.chat.message.support.Gateway.gateway;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.events.Topics;
import dev.chat.common.ids.ChatIds;
import dev.chat.message.support.Announcer;
import dev.chat.message.support.Sends;
import dev.chat.message.support.TestUsers;
import dev.chat.message.support.TopicReader;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Blocking: the list, and the sends and typing it refuses, on this instance and on every other. */
@QuarkusTest
class BlockResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    QuarkusCqlSession cassandra;

    @InjectTestServers
    TestServers servers;

    @Test
    void aBlockRefusesSendsBothWaysAndStoresNothingUntilUnblocked() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        Sends.send(bob, alice, "before", "hello");

        as(alice).post("/v1/blocks/" + bob).then().statusCode(204);
        as(alice).get("/v1/blocks").then().statusCode(200).body("blocked.userId", contains(bob.toString()));

        operation("send", send(bob, alice, "blocked-1", "are you there?"))
                .body("results[0].status", equalTo(403)).body("results[0].code", equalTo("blocked"))
                .body("results[0].detail", equalTo("this user does not accept your messages"));
        operation("send", send(alice, bob, "blocked-2", "bye"))
                .body("results[0].status", equalTo(403)).body("results[0].code", equalTo("blocked"))
                .body("results[0].detail", equalTo("you have blocked this user: unblock them first"));
        assertEquals(1, messagesIn(ChatIds.direct(alice, bob)), "only the message sent before the block is stored");

        as(alice).delete("/v1/blocks/" + bob).then().statusCode(204);
        as(alice).get("/v1/blocks").then().body("blocked", empty());
        operation("send", send(bob, alice, "after", "friends again?")).body("results[0].status", equalTo(201));
    }

    @Test
    void typingPassesOnlyInAChatWithAMessageAndNeverAcrossABlock() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        typing(alice, bob).body("results[0].status", equalTo(403)).body("results[0].code", equalTo("no_shared_chat"));

        Sends.send(alice, bob, "first", "hi");
        typing(alice, bob).body("results[0].status", equalTo(204));
        typing(bob, alice).body("results[0].status", equalTo(204));

        as(bob).post("/v1/blocks/" + alice).then().statusCode(204);
        typing(alice, bob).body("results[0].status", equalTo(403)).body("results[0].code", equalTo("blocked"));
        typing(bob, alice).body("results[0].status", equalTo(403)).body("results[0].code", equalTo("blocked"));
    }

    @Test
    void aBlockIsAnnouncedAndAnAnnouncementFromAnotherInstanceTakesEffectHere() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        as(alice).post("/v1/blocks/" + bob).then().statusCode(204);
        TopicReader.first(kafka, Topics.BLOCKS, r -> r.key().equals(alice.toString()));

        UUID carol = TestUsers.registered();
        UUID dan = TestUsers.registered();
        Sends.send(dan, carol, "cached", "carol's block list is cached now");
        // Another instance stores carol's block and announces it; this instance has her empty list cached.
        cassandra.execute("INSERT INTO blocks (user_id, blocked_id, blocked_at) VALUES (?, ?, toTimestamp(now()))", carol, dan);
        Announcer.blocksChanged(kafka, carol);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> operation("send",
                send(dan, carol, "probe-" + UUID.randomUUID(), "still there?")).body("results[0].code", equalTo("blocked")));
    }

    @Test
    void blockingOneselfAnUnknownUserOrWithoutATokenIsRefusedWithAProblem() {
        UUID alice = TestUsers.registered();
        as(alice).post("/v1/blocks/" + alice).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("invalid_field"));
        as(alice).post("/v1/blocks/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json")
                .body("code", equalTo("unknown_recipient"));
        as(alice).post("/v1/blocks/not-a-user").then().statusCode(400).contentType("application/problem+json");
        as(alice).delete("/v1/blocks/" + UUID.randomUUID()).then().statusCode(204);
        given().post("/v1/blocks/" + alice).then().statusCode(401).contentType("application/problem+json");
    }

    private static Map<String, Object> send(UUID from, UUID to, String clientId, String body) {
        return Map.of("senderId", from, "senderDeviceId", "phone", "recipientId", to, "clientMessageId", clientId,
                "body", body);
    }

    private static ValidatableResponse typing(UUID from, UUID to) {
        return operation("typing", Map.of("fromUserId", from, "toUserId", to));
    }

    private static ValidatableResponse operation(String kind, Map<String, Object> operation) {
        return gateway().contentType(ContentType.JSON).body(Map.of("operations", List.of(Map.of(kind, operation))))
                .post("/internal/v1/batches").then().statusCode(200);
    }

    private long messagesIn(UUID chat) {
        return cassandra.execute("SELECT bucket FROM chat_buckets WHERE chat_id = ?", chat).all().stream()
                .mapToLong(b -> cassandra.execute("SELECT count(*) FROM messages WHERE chat_id = ? AND bucket = ?", chat,
                        b.getInt("bucket")).one().getLong(0))
                .sum();
    }

    private RequestSpecification as(UUID user) {
        return given().auth().oauth2(servers.tokens().mint(user, "phone", Duration.ofHours(1)));
    }
}
