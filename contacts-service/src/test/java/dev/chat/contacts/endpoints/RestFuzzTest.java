package dev.chat.contacts.endpoints;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.contacts.support.Phones;
import dev.chat.stack.testing.BadJson;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Thousands of generated request bodies, each a valid one damaged one way ({@link BadJson}), sent
 * to every endpoint of this service that reads a body: each is answered with a success or a 4xx
 * problem body (RFC 9457) that names no Java class, never a 5xx, and the service answers afterwards.
 */
@QuarkusTest
class RestFuzzTest {

    private static final long SEED = 20261204L;
    private static final int REQUESTS = 1500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One client, connections kept alive: through RestAssured each request took 20–50 ms here, and the test over a minute. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TestHTTPResource("/")
    URI base;

    private record Target(String method, String path, boolean signedIn, String validBody) {
    }

    @Test
    void generatedBadBodiesGetOnlyProblemBodiesOrSuccessAndNeverA5xx() throws Exception {
        Random random = new Random(SEED);
        BadJson bad = new BadJson(random);
        String token = given().contentType("application/json")
                .body("{\"phoneNumber\":\"" + Phones.fresh() + "\",\"displayName\":\"Fuzz\"}").post("/v1/accounts")
                .then().statusCode(201).extract().path("token");
        String contact = UUID.randomUUID().toString();
        List<Target> targets = List.of(
                new Target("POST", "/v1/accounts", false, "{\"phoneNumber\":\"+14155550100\",\"displayName\":\"A\",\"deviceId\":\"phone\"}"),
                new Target("PATCH", "/v1/accounts/me", true, "{\"displayName\":\"B\"}"),
                new Target("POST", "/v1/accounts/lookup", true, "{\"phoneNumbers\":[\"+14155550100\",\"+14155550101\"]}"),
                new Target("POST", "/v1/contacts", true, "{\"phoneNumber\":\"+14155550102\",\"name\":\"C\"}"),
                new Target("PATCH", "/v1/contacts/" + contact, true, "{\"name\":\"D\"}"));
        int problems = 0;
        for (int i = 0; i < REQUESTS; i++) {
            Target target = targets.get(random.nextInt(targets.size()));
            String body = bad.damage(target.validBody());
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(target.path().substring(1)))
                    .header("Content-Type", "application/json").method(target.method(), BodyPublishers.ofString(body));
            if (target.signedIn()) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> answer = http.send(request.build(), BodyHandlers.ofString());
            int status = answer.statusCode();
            String what = target.method() + " " + target.path() + " with " + abbreviate(body);
            assertTrue(status < 500, what + " answered " + status + ": " + answer.body());
            if (status >= 400) {
                problems++;
                assertEquals("application/problem+json",
                        answer.headers().firstValue("Content-Type").orElse("").split(";")[0], what);
                JsonNode problem = JSON.readTree(answer.body());
                assertEquals(status, problem.path("status").asInt(), what);
                String detail = problem.path("detail").asText("");
                assertFalse(detail.isBlank(), what + " has no detail");
                assertFalse(answer.body().matches("(?s).*(dev\\.chat|java\\.|jakarta\\.|Exception|com\\.fasterxml).*"),
                        what + " names internals: " + answer.body());
            }
        }
        assertTrue(problems > REQUESTS / 2, "most bodies are wrong, yet only " + problems + " were refused");
        given().auth().oauth2(token).get("/v1/accounts/me").then().statusCode(200).contentType("application/json");
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…(" + body.length() + " chars)";
    }
}
