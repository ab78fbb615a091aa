package dev.chat.web.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The local stack's single origin: the client's files, and the API's paths to the services. */
@QuarkusTest
@QuarkusTestResource(FakeUpstreams.class)
class ApiProxyTest {

    @TestHTTPResource("/ws")
    URI ws;

    @Test
    void theClientIsServedWithAPolicyThatAllowsOnlyItsOwnScripts() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("<script type=\"module\" src=\"js/app.js\"></script>"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Content-Type-Options", "nosniff");
        given().get("/js/socket.js").then().statusCode(200).contentType(containsString("javascript"));
    }

    @Test
    void eachApiPathReachesItsServiceWithItsMethodBodyAndToken() {
        given().auth().oauth2("t0ken").contentType("application/json").body("{\"a\":1}")
                .post("/v1/accounts/me/devices?x=1").then().statusCode(200)
                .body(equalTo("contacts POST /v1/accounts/me/devices?x=1 {\"a\":1} Bearer t0ken"));
        given().get("/v1/chats/c/messages?limit=2").then().statusCode(200).body(containsString("inbox GET /v1/chats/c/messages?limit=2"));
        given().get("/v1/presence/u").then().statusCode(200).body(containsString("presence GET"));
        given().delete("/v1/groups/g/members/m").then().statusCode(200).body(containsString("message DELETE"));
    }

    @Test
    void pathsOutsideThePublicApiAreNotProxied() {
        given().get("/internal/deliveries").then().statusCode(404);
        given().get("/v1/unknown").then().statusCode(404);
    }

    @Test
    void theSocketIsProxiedAndASilentGatewayIsPassedOver() throws Exception {
        for (int connection = 0; connection < 3; connection++) { // round the two instances, one of them down
            CompletableFuture<String> answer = new CompletableFuture<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create(ws.toString().replace("http", "ws") + "?access_token=t"), new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                            answer.complete(data.toString());
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            socket.sendText("{\"type\":\"ping\"}", true);
            assertEquals("gateway:{\"type\":\"ping\"}", answer.get(10, TimeUnit.SECONDS));
            int closedBefore = FakeUpstreams.CLOSED_SOCKETS.get();
            if (connection == 2) {
                socket.abort(); // a tab that goes away without a close frame
            } else {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> FakeUpstreams.CLOSED_SOCKETS.get() > closedBefore); // the gateway sees the socket go
        }
    }
}
