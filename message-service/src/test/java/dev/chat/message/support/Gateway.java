package dev.chat.message.support;

import dev.chat.stack.testing.InternalApi;
import io.restassured.specification.RequestSpecification;

/** Requests to message-service's internal port as gateway-service makes them: its only caller. */
public final class Gateway {

    private Gateway() {
    }

    public static RequestSpecification gateway() {
        return InternalApi.as("gateway-service");
    }
}
