package dev.chat.system;

import static dev.chat.system.ChatCluster.WAIT;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.stack.testing.SocketClient;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The privacy rules across the real services (docs/privacy.md): presence as the user's setting and
 * address book allow (contacts-service writes them, presence-service applies them), typing only in
 * a chat with a message, and a block (message-service) that refuses sends and typing and hides
 * presence both ways until it is lifted.
 */
@ExtendWith(SharedCluster.class)
class PrivacyTest {

    private static ChatCluster cluster;

    @BeforeAll
    static void joinCluster() {
        cluster = SharedCluster.get();
    }

    @Test
    void presenceTypingAndBlocksFollowTheUsersChoices() {
        RegisteredUser ann = RegisteredUser.register(cluster, "Ann");
        RegisteredUser ben = RegisteredUser.register(cluster, "Ben");
        ann.rest().contentType(ContentType.JSON).body(Map.of("phoneNumber", ben.phone(), "name", "Ben"))
                .post(cluster.contactsUrl() + "/v1/contacts").then().statusCode(201);

        try (SocketClient annSocket = ann.connect(cluster, 1); SocketClient benSocket = ben.connect(cluster, 2)) {
            // Ben is online, but Ann is not in his address book: his presence is for his contacts.
            presenceOf(ben, ann).body("visible", equalTo(false)).body("online", equalTo(false));
            ann.rest().get(cluster.contactsUrl() + "/v1/contacts").then().body("contacts[0].presence", nullValue());
            ben.rest().contentType(ContentType.JSON).body(Map.of("presence", "everyone"))
                    .put(cluster.contactsUrl() + "/v1/accounts/me/privacy").then().statusCode(200);
            Awaitility.await().atMost(WAIT).untilAsserted(() ->
                    presenceOf(ben, ann).body("visible", equalTo(true)).body("online", equalTo(true)));
            ann.rest().contentType(ContentType.JSON).body(Map.of("presence", "everyone"))
                    .put(cluster.contactsUrl() + "/v1/accounts/me/privacy").then().statusCode(200);
            presenceOf(ann, ben).body("visible", equalTo(true));

            // Typing needs a chat with a message in it.
            annSocket.send(Map.of("type", "typing", "to", ben.id()));
            assertEquals("no_shared_chat", annSocket.next("error", WAIT).get("code").asText());
            annSocket.send(Map.of("type", "send", "id", "hello", "to", ben.id(), "body", "hello"));
            annSocket.next("ack", WAIT);
            benSocket.next("message", WAIT);
            annSocket.send(Map.of("type", "typing", "to", ben.id()));
            assertEquals(ann.id().toString(), benSocket.next("typing", WAIT).get("from").asText());

            // Ben blocks Ann: her sends and typing are refused, and neither sees the other's presence.
            ben.rest().post(cluster.messagesUrl() + "/v1/blocks/" + ann.id()).then().statusCode(204);
            annSocket.send(Map.of("type", "send", "id", "blocked", "to", ben.id(), "body", "are you there?"));
            JsonNode refused = annSocket.next("error", WAIT);
            assertEquals("blocked", refused.get("code").asText());
            assertEquals("blocked", refused.get("id").asText());
            annSocket.send(Map.of("type", "typing", "to", ben.id()));
            assertEquals("blocked", annSocket.next("error", WAIT).get("code").asText());
            presenceOf(ben, ann).body("visible", equalTo(false));
            presenceOf(ann, ben).body("visible", equalTo(false));

            // Unblocked: everything as before.
            ben.rest().delete(cluster.messagesUrl() + "/v1/blocks/" + ann.id()).then().statusCode(204);
            annSocket.send(Map.of("type", "send", "id", "again", "to", ben.id(), "body", "friends again?"));
            annSocket.next("ack", WAIT);
            assertEquals("friends again?", benSocket.next("message", WAIT).get("body").asText());
            presenceOf(ben, ann).body("visible", equalTo(true));
        }
    }

    /** {@code user}'s presence as {@code viewer} asks for it. */
    private static ValidatableResponse presenceOf(RegisteredUser user, RegisteredUser viewer) {
        return viewer.rest().get(cluster.presenceUrl() + "/v1/presence/" + user.id()).then().statusCode(200);
    }

}
