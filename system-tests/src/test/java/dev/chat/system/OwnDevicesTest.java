package dev.chat.system;

import static dev.chat.system.ChatCluster.WAIT;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chat.stack.testing.SocketClient;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One user on two devices across the real services: what one device changes in the user's own
 * view (inbox-service) reaches the other at once as a {@code changed} frame (through Kafka,
 * delivery-service and the other device's gateway), and never the device that made the change.
 */
@ExtendWith(SharedCluster.class)
class OwnDevicesTest {

    private static ChatCluster cluster;

    @BeforeAll
    static void joinCluster() {
        cluster = SharedCluster.get();
    }

    @Test
    void aChangeOnOneDeviceReachesTheUsersOtherDevicesButNotItself() {
        RegisteredUser ann = RegisteredUser.register(cluster, "Ann");
        RegisteredUser ben = RegisteredUser.register(cluster, "Ben");
        String laptopToken = ann.rest().contentType(ContentType.JSON).body(Map.of("deviceId", "laptop"))
                .post(cluster.contactsUrl() + "/v1/accounts/me/devices").then().statusCode(201).extract().path("token");
        RequestSpecification laptop = given().auth().oauth2(laptopToken);

        try (SocketClient phoneSocket = ann.connect(cluster, 1);
                SocketClient laptopSocket = SocketClient.connect(cluster.wsUrl(2), laptopToken);
                SocketClient benSocket = ben.connect(cluster, 2)) {
            laptopSocket.next("synced", WAIT);
            benSocket.send(Map.of("type", "send", "id", "hi", "to", ann.id(), "body", "hi Ann"));
            String chatId = benSocket.next("ack", WAIT).get("chatId").asText();
            String messageId = phoneSocket.next("message", WAIT).get("messageId").asText();
            laptopSocket.next("message", WAIT);

            // The laptop stars the message: the phone is told which, at once.
            laptop.put(cluster.inboxUrl() + "/v1/chats/" + chatId + "/messages/" + messageId + "/star")
                    .then().statusCode(204);
            JsonNode starred = phoneSocket.next("changed", WAIT);
            assertEquals("starred", starred.get("what").asText());
            assertEquals(chatId, starred.get("chatId").asText());
            assertEquals(messageId, starred.get("messageId").asText());

            // The phone archives the chat: the laptop's next change frame is that one, so it got
            // none for its own star.
            ann.rest().contentType(ContentType.JSON).body(Map.of("archived", true))
                    .patch(cluster.inboxUrl() + "/v1/inbox/" + chatId).then().statusCode(200);
            JsonNode archived = laptopSocket.next("changed", WAIT);
            assertEquals("chat", archived.get("what").asText());
            assertEquals(chatId, archived.get("chatId").asText());

            // Clear chat on the laptop: the phone re-reads a history without the message.
            laptop.delete(cluster.inboxUrl() + "/v1/chats/" + chatId + "/messages").then().statusCode(204);
            assertEquals("history", phoneSocket.next("changed", WAIT).get("what").asText());
            ann.rest().get(cluster.inboxUrl() + "/v1/chats/" + chatId + "/messages").then().statusCode(200)
                    .body("messages.size()", equalTo(0));

            // Ben's view changed in none of this: he got no change frame.
            benSocket.send(Map.of("type", "send", "id", "fence", "to", ann.id(), "body", "still there?"));
            benSocket.next("ack", WAIT);
            phoneSocket.next("message", WAIT);
            assertEquals(0, benSocket.drain().stream().filter(f -> "changed".equals(f.path("type").asText())).count());
        }
    }
}
