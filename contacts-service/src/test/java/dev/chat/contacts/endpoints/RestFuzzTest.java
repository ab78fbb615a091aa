package dev.chat.contacts.endpoints;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.contacts.support.Phones;
import dev.chat.stack.testing.BadJson;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
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

    private record Target(String method, String path, boolean signedIn, String validBody) {
    }

    @Test
    void generatedBadBodiesGetOnlyProblemBodiesOrSuccessAndNeverA5xx() {
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
            var request = given().contentType("application/json").body(body);
            if (target.signedIn()) {
                request = request.auth().oauth2(token);
            }
            Response answer = request.request(target.method(), target.path());
            int status = answer.statusCode();
            String what = target.method() + " " + target.path() + " with " + abbreviate(body);
            assertTrue(status < 500, what + " answered " + status + ": " + answer.asString());
            if (status >= 400) {
                problems++;
                assertEquals("application/problem+json", answer.contentType().split(";")[0], what);
                assertEquals(status, answer.jsonPath().getInt("status"), what);
                String detail = answer.jsonPath().getString("detail");
                assertFalse(detail == null || detail.isBlank(), what + " has no detail");
                assertFalse(answer.asString().matches("(?s).*(dev\\.chat|java\\.|jakarta\\.|Exception|com\\.fasterxml).*"),
                        what + " names internals: " + answer.asString());
            }
        }
        assertTrue(problems > REQUESTS / 2, "most bodies are wrong, yet only " + problems + " were refused");
        given().auth().oauth2(token).get("/v1/accounts/me").then().statusCode(200).contentType("application/json");
    }

    private static String abbreviate(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…(" + body.length() + " chars)";
    }
}
