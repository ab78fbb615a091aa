package dev.chat.message.support;

import static dev.chat.message.support.Gateway.gateway;
import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;

/** Calls of the internal API as the gateway makes them. */
public final class Sends {

    private Sends() {
    }

    /** Sends and returns the new message id; fails unless the answer is 201. */
    public static UUID send(UUID from, UUID to, String clientId, String body) {
        return UUID.fromString(gateway().contentType(ContentType.JSON)
                .body(Map.of("senderId", from, "senderDeviceId", "phone", "recipientId", to,
                        "clientMessageId", clientId, "body", body))
                .post("/internal/v1/messages").then().statusCode(201).extract().path("messageId"));
    }
}
