package dev.chat.stack.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.chat.stack.servers.Server;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way every service proves its readiness: ready while its servers answer, and for each
 * server in turn, not ready (with that server's check DOWN) once it stops, while liveness stays
 * UP. Stops the module's servers, so the calling test runs last in its module.
 */
public final class ReadinessAssertions {

    private static final Duration DOWN_WITHIN = Duration.ofSeconds(30);
    /** A readiness probe must answer quickly; Kubernetes gives it one second by default. */
    private static final int ANSWER_WITHIN_MILLIS = 5000;

    private ReadinessAssertions() {
    }

    /**
     * @param health the management port's {@code /q/health} ({@code @TestHTTPResource(value = "/health", management = true)})
     * @param checks each server this service depends on, with the name of its readiness check
     */
    public static void assertReadinessFollowsServers(URL health, TestServers servers, Map<Server, String> checks) {
        String ready = health + "/ready";
        String live = health + "/live";
        given().config(answerQuickly()).get(ready).then().statusCode(200).body("status", equalTo("UP"));
        for (String check : checks.values()) {
            given().get(ready).then().body("checks.name", hasItem(check));
        }
        given().get(live).then().statusCode(200);

        Assumptions.assumeTrue(servers.canStop(), "a developer's running stack is never stopped");
        for (Map.Entry<Server, String> check : checks.entrySet()) {
            servers.stop(check.getKey());
            Awaitility.await().atMost(DOWN_WITHIN).untilAsserted(() -> given().config(answerQuickly()).get(ready).then()
                    .statusCode(503)
                    .body("checks.find { it.name == '" + check.getValue() + "' }.status", equalTo("DOWN")));
            given().get(live).then().statusCode(200);
        }
    }

    private static RestAssuredConfig answerQuickly() {
        return RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", ANSWER_WITHIN_MILLIS)
                .setParam("http.connection.timeout", ANSWER_WITHIN_MILLIS));
    }
}
