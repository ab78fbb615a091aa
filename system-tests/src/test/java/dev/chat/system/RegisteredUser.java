package dev.chat.system;

import static dev.chat.system.ChatCluster.WAIT;
import static io.restassured.RestAssured.given;

import dev.chat.stack.testing.SocketClient;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** An account registered through contacts-service as a client registers, with its local-mode token. */
record RegisteredUser(UUID id, String phone, String token) {

    static RegisteredUser register(ChatCluster cluster, String name) {
        String phone = Phones.fresh();
        Map<?, ?> answer = given().contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", phone, "displayName", name, "deviceId", "phone"))
                .post(cluster.contactsUrl() + "/v1/accounts").then().statusCode(201).extract().as(Map.class);
        return new RegisteredUser(UUID.fromString((String) answer.get("userId")), phone, (String) answer.get("token"));
    }

    /** A REST request with this user's token. */
    RequestSpecification rest() {
        return given().auth().oauth2(token);
    }

    /** A socket to gateway {@code gateway} (1-based), once its catch-up is done. */
    SocketClient connect(ChatCluster cluster, int gateway) {
        SocketClient socket = SocketClient.connect(cluster.wsUrl(gateway), token);
        socket.next("synced", WAIT);
        return socket;
    }
}
