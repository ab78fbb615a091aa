package dev.chat.contacts.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.contacts.support.Phones;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.ManagementPort;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Accounts in local registration mode, the mode of the tests and the local stack. */
@QuarkusTest
class AccountResourceTest {

    @TestHTTPResource(value = "/openapi", management = true)
    URL openapi;

    @InjectTestServers
    TestServers servers;

    @Inject
    QuarkusCqlSession cassandra;

    @Test
    void registeringReturnsAnAccountAndATokenThatTheOtherEndpointsAccept() {
        String phone = Phones.fresh();
        Map<String, Object> registered = given().contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", phone, "displayName", "Ada", "deviceId", "laptop"))
                .post("/v1/accounts").then().statusCode(201)
                .body("phoneNumber", equalTo(phone)).body("displayName", equalTo("Ada"))
                .body("token", notNullValue()).body("tokenExpiresAt", notNullValue())
                .extract().as(Map.class);
        String userId = (String) registered.get("userId");

        given().auth().oauth2((String) registered.get("token")).get("/v1/accounts/me").then().statusCode(200)
                .body("userId", equalTo(userId)).body("phoneNumber", equalTo(phone)).body("displayName", equalTo("Ada"));
        as(UUID.fromString(userId)).contentType(ContentType.JSON).body(Map.of("displayName", "Ada L."))
                .patch("/v1/accounts/me").then().statusCode(200).body("displayName", equalTo("Ada L."));
        as(UUID.randomUUID()).get("/v1/accounts/" + userId).then().statusCode(200)
                .body("displayName", equalTo("Ada L.")).body("phoneNumber", equalTo(phone))
                .body("createdAt", nullValue());
    }

    @Test
    void aSignedInDeviceLinksAnotherDeviceWhoseTokenActsForTheSameAccount() {
        Map<String, Object> registered = given().contentType(ContentType.JSON)
                .body(Map.of("phoneNumber", Phones.fresh(), "displayName", "Lin", "deviceId", "phone"))
                .post("/v1/accounts").then().statusCode(201).extract().as(Map.class);
        String linked = given().auth().oauth2((String) registered.get("token")).contentType(ContentType.JSON)
                .body(Map.of("deviceId", "web-1")).post("/v1/accounts/me/devices").then().statusCode(201)
                .body("deviceId", equalTo("web-1")).body("tokenExpiresAt", notNullValue())
                .extract().path("token");
        given().auth().oauth2(linked).get("/v1/accounts/me").then().statusCode(200)
                .body("userId", equalTo(registered.get("userId")));
        String claims = new String(java.util.Base64.getUrlDecoder().decode(linked.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(true, claims.contains("\"device_id\":\"web-1\""), claims);

        given().contentType(ContentType.JSON).body(Map.of("deviceId", "web-2")).post("/v1/accounts/me/devices")
                .then().statusCode(401);
        given().auth().oauth2(linked).contentType(ContentType.JSON).body(Map.of("deviceId", "no spaces"))
                .post("/v1/accounts/me/devices").then().statusCode(400).body("errors.field", hasItem("deviceId"));
        as(UUID.randomUUID()).contentType(ContentType.JSON).body(Map.of("deviceId", "web-3"))
                .post("/v1/accounts/me/devices").then().statusCode(404);
    }

    @Test
    void aPhoneNumberRegisteredTwiceIsAConflictAndTheFirstAccountKeepsIt() {
        String phone = Phones.fresh();
        String first = register(phone, "First");
        given().contentType(ContentType.JSON).body(Map.of("phoneNumber", phone, "displayName", "Second"))
                .post("/v1/accounts").then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("the phone number " + phone + " is already registered"));
        as(UUID.randomUUID()).contentType(ContentType.JSON).body(Map.of("phoneNumbers", List.of(phone)))
                .post("/v1/accounts/lookup").then().statusCode(200)
                .body("accounts.userId", contains(first)).body("accounts[0].displayName", equalTo("First"));
    }

    @Test
    void invalidRegistrationsAreRefusedWithTheFieldNamed() {
        refused(Map.of("phoneNumber", "0044 20 7946 0000", "displayName", "Bad"), "phoneNumber");
        refused(Map.of("phoneNumber", "+0123456", "displayName", "Bad"), "phoneNumber");
        refused(Map.of("phoneNumber", "+1234567890123456", "displayName", "Too long"), "phoneNumber");
        refused(Map.of("displayName", "No number"), "phoneNumber");
        refused(Map.of("phoneNumber", Phones.fresh(), "displayName", " "), "displayName");
        refused(Map.of("phoneNumber", Phones.fresh(), "displayName", "x".repeat(65)), "displayName");
        refused(Map.of("phoneNumber", Phones.fresh(), "displayName", "Ok", "deviceId", "my phone"), "deviceId");
        given().contentType(ContentType.JSON).post("/v1/accounts").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"phoneNumber\":").post("/v1/accounts").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void discoveryAnswersOnlyTheRegisteredNumbersInOrder() {
        String a = Phones.fresh();
        String b = Phones.fresh();
        String ida = register(a, "A");
        String idb = register(b, "B");
        List<String> asked = new ArrayList<>(List.of(a, Phones.fresh(), b, Phones.fresh(), a));
        Collections.shuffle(asked);
        List<String> expected = a.compareTo(b) < 0 ? List.of(ida, idb) : List.of(idb, ida);
        as(UUID.randomUUID()).contentType(ContentType.JSON).body(Map.of("phoneNumbers", asked))
                .post("/v1/accounts/lookup").then().statusCode(200)
                .body("accounts.userId", contains(expected.toArray()));
    }

    @Test
    void badDiscoveryRequestsAreRefused() {
        UUID me = UUID.randomUUID();
        as(me).contentType(ContentType.JSON).body(Map.of("phoneNumbers", List.of(Phones.fresh(), "555-0100")))
                .post("/v1/accounts/lookup").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("phoneNumbers[1]"));
        as(me).contentType(ContentType.JSON).body(Map.of("phoneNumbers", List.of()))
                .post("/v1/accounts/lookup").then().statusCode(400).body("errors.field", hasItem("phoneNumbers"));
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= AccountResource.MAX_LOOKUP; i++) {
            tooMany.add("+1415555" + String.format("%04d", i));
        }
        as(me).contentType(ContentType.JSON).body(Map.of("phoneNumbers", tooMany))
                .post("/v1/accounts/lookup").then().statusCode(400).body("errors.field", hasItem("phoneNumbers"));
        given().contentType(ContentType.JSON).body(Map.of("phoneNumbers", List.of(Phones.fresh())))
                .post("/v1/accounts/lookup").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void profilesAnswerProblemsForBadIdsUnknownAccountsAndMissingTokens() {
        UUID me = UUID.randomUUID();
        as(me).get("/v1/accounts/me").then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("user " + me + " has no account yet: register with POST /v1/accounts"));
        as(me).contentType(ContentType.JSON).body(Map.of("displayName", "Ghost")).patch("/v1/accounts/me")
                .then().statusCode(404);
        String registered = register(Phones.fresh(), "Real");
        as(UUID.fromString(registered)).contentType(ContentType.JSON).body(Map.of("displayName", ""))
                .patch("/v1/accounts/me").then().statusCode(400).body("errors.field", hasItem("displayName"));
        as(me).get("/v1/accounts/not-a-uuid").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("'not-a-uuid' is not a user id (a UUID)"));
        as(me).get("/v1/accounts/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/accounts/me").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().auth().oauth2("not.a.token").get("/v1/accounts/me").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void bodiesThatAreNotTheJsonAskedForGetA400ProblemNamingTheMistakeAndNoJavaType() {
        String registered = register(Phones.fresh(), "Strict");
        Map<String, String> refusals = Map.of(
                "{\"displayName\":\"x\",\"displayName\":\"y\"}", "field 'displayName' appears more than once",
                "{\"displayName\":\"x\"} {}", "there is more after the JSON value; send exactly one",
                "{\"displayName\":\"x\"}}}", "not valid JSON (line 1, column 20)",
                "[]", "the JSON value has the wrong type here",
                "{\"displayName\":[]}", "field 'displayName' has a value of the wrong type",
                "{\"displayName\":", "not valid JSON");
        refusals.forEach((body, detail) -> as(UUID.fromString(registered)).contentType(ContentType.JSON).body(body)
                .patch("/v1/accounts/me").then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", startsWith("the request body is not valid: " + detail))
                .body("detail", not(containsString("java"))));
        as(UUID.fromString(registered)).get("/v1/accounts/me").then().statusCode(200).body("displayName", equalTo("Strict"));
    }

    @Test
    void theApiIsDescribedOnTheManagementPortAndQIsNotServedOnThePublicPort() {
        ManagementPort.assertNotServedOnThePublicPort();
        given().accept("application/json").get(openapi).then().statusCode(200)
                .body("paths.keySet()", hasItem("/v1/accounts"))
                .body("paths.keySet()", hasItem("/v1/contacts/{contactId}"))
                .body("paths.keySet()", not(hasItem("/v1/presence/lookup"))) // presence-service's, which this one calls
                .body("components.securitySchemes.keySet()", hasItem("SecurityScheme"));
        given().contentType("application/json").body("{\"userIds\":[]}").post("/v1/presence/lookup").then().statusCode(404);
    }

    @Test
    void presencePrivacyIsContactsAndReadReceiptsOnUntilChangedAndOnlyValidSettingsAreAccepted() {
        UUID me = UUID.fromString(register(Phones.fresh(), "Private"));
        as(me).get("/v1/accounts/me/privacy").then().statusCode(200).body("presence", equalTo("contacts"));

        as(me).contentType(ContentType.JSON).body(Map.of("presence", "nobody")).put("/v1/accounts/me/privacy")
                .then().statusCode(200).body("presence", equalTo("nobody"));
        as(me).get("/v1/accounts/me/privacy").then().statusCode(200).body("presence", equalTo("nobody"));
        assertEquals("nobody", cassandra.execute("SELECT presence_visibility FROM users WHERE user_id = ?", me).one()
                .getString("presence_visibility"), "presence-service reads the setting from the account row");

        as(me).get("/v1/accounts/me/privacy").then().statusCode(200).body("readReceipts", equalTo(true));
        as(me).contentType(ContentType.JSON).body(Map.of("presence", "nobody", "readReceipts", false))
                .put("/v1/accounts/me/privacy").then().statusCode(200).body("readReceipts", equalTo(false));
        as(me).contentType(ContentType.JSON).body(Map.of("presence", "contacts")).put("/v1/accounts/me/privacy")
                .then().statusCode(200).body("presence", equalTo("contacts")).body("readReceipts", equalTo(false));
        assertEquals(false, cassandra.execute("SELECT read_receipts FROM users WHERE user_id = ?", me).one()
                .getBoolean("read_receipts"), "message-service reads it from the account row; a change that leaves it out keeps it");
        as(me).contentType(ContentType.JSON).body(Map.of("presence", "nobody", "readReceipts", "sometimes"))
                .put("/v1/accounts/me/privacy").then().statusCode(400).contentType("application/problem+json");

        as(me).contentType(ContentType.JSON).body(Map.of("presence", "friends")).put("/v1/accounts/me/privacy")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("presence"));
        as(me).contentType(ContentType.JSON).body(Map.of()).put("/v1/accounts/me/privacy")
                .then().statusCode(400).body("errors.field", hasItem("presence"));
        as(UUID.randomUUID()).contentType(ContentType.JSON).body(Map.of("presence", "everyone"))
                .put("/v1/accounts/me/privacy").then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/accounts/me/privacy").then().statusCode(401);
    }

    private String register(String phone, String name) {
        return given().contentType(ContentType.JSON).body(Map.of("phoneNumber", phone, "displayName", name))
                .post("/v1/accounts").then().statusCode(201).extract().path("userId");
    }

    private static void refused(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/v1/accounts").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem(field));
    }

    private RequestSpecification as(UUID user) {
        return given().auth().oauth2(servers.tokens().mint(user, "phone", Duration.ofHours(1)));
    }
}
