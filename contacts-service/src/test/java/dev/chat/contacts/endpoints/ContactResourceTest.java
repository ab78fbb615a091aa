package dev.chat.contacts.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.common.ids.ContactIds;
import dev.chat.contacts.support.Phones;
import dev.chat.contacts.support.PresenceServiceStub;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ContactResourceTest {

    @InjectTestServers
    TestServers servers;

    @Test
    void aContactShowsWhetherItsNumberIsRegisteredAndWhetherThatUserIsOnline() {
        UUID me = UUID.randomUUID();
        String onlinePhone = Phones.fresh();
        String offlinePhone = Phones.fresh();
        String strangerPhone = Phones.fresh();
        UUID online = UUID.fromString(register(onlinePhone, "Online Olga"));
        UUID offline = UUID.fromString(register(offlinePhone, "Offline Otto"));
        PresenceServiceStub.online(online);

        add(me, onlinePhone, "Olga").statusCode(201).header("Location", endsWith("/v1/contacts/" + ContactIds.of(onlinePhone)))
                .body("registered", equalTo(true)).body("userId", equalTo(online.toString()))
                .body("displayName", equalTo("Online Olga")).body("name", equalTo("Olga"))
                .body("presence.online", equalTo(true)).body("presence.lastSeen", nullValue());
        add(me, offlinePhone, "Otto").statusCode(201).body("presence.online", equalTo(false))
                .body("presence.lastSeen", equalTo(PresenceServiceStub.LAST_SEEN.toString()));
        add(me, strangerPhone, "Not on the service").statusCode(201).body("registered", equalTo(false))
                .body("userId", nullValue()).body("presence", nullValue());

        as(me).get("/v1/contacts/" + ContactIds.of(offlinePhone)).then().statusCode(200)
                .body("userId", equalTo(offline.toString()));
        String token = servers.tokens().mint(me, "phone", Duration.ofHours(1));
        given().auth().oauth2(token).get("/v1/contacts").then().statusCode(200);
        assertEquals("Bearer " + token, PresenceServiceStub.AUTHORIZATIONS.get(PresenceServiceStub.AUTHORIZATIONS.size() - 1),
                "presence is asked with the caller's own token");
    }

    @Test
    void aUserWhoHidesTheirPresenceFromTheCallerIsListedWithoutIt() {
        UUID me = UUID.randomUUID();
        String phone = Phones.fresh();
        UUID hiding = UUID.fromString(register(phone, "Private Pia"));
        PresenceServiceStub.online(hiding);
        PresenceServiceStub.hidden(hiding);

        add(me, phone, "Pia").statusCode(201).body("registered", equalTo(true)).body("userId", equalTo(hiding.toString()))
                .body("presence", nullValue());
    }

    @Test
    void aNumberThatRegistersLaterShowsAsRegisteredWithoutChangingTheContact() {
        UUID me = UUID.randomUUID();
        String phone = Phones.fresh();
        add(me, phone, "Later").statusCode(201).body("registered", equalTo(false));
        String userId = register(phone, "Late Lucy");
        as(me).get("/v1/contacts/" + ContactIds.of(phone)).then().statusCode(200)
                .body("registered", equalTo(true)).body("userId", equalTo(userId));
    }

    @Test
    void pagingVisitsEveryContactOnceAndOnlyTheOwnersOnes() {
        UUID me = UUID.randomUUID();
        Set<String> added = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            String phone = Phones.fresh();
            add(me, phone, "c" + i).statusCode(201);
            added.add(phone);
        }
        add(UUID.randomUUID(), Phones.fresh(), "someone else's").statusCode(201);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = as(me).queryParam("limit", 3).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/v1/contacts").then().statusCode(200).extract().as(Map.class);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> contacts = (List<Map<String, Object>>) page.get("contacts");
            assertTrue(contacts.size() <= 3);
            contacts.forEach(c -> seen.add((String) c.get("phoneNumber")));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(7, seen.size(), "no contact twice: " + seen);
        assertEquals(added, Set.copyOf(seen));
    }

    @Test
    void renamingAndRemovingChangeOnlyTheOwnersEntry() {
        UUID me = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        String phone = Phones.fresh();
        UUID id = ContactIds.of(phone);
        add(me, phone, "Bob").statusCode(201);
        add(other, phone, "Robert").statusCode(201);

        as(me).contentType(ContentType.JSON).body(Map.of("name", "Bobby")).patch("/v1/contacts/" + id)
                .then().statusCode(200).body("name", equalTo("Bobby"));
        as(other).get("/v1/contacts/" + id).then().statusCode(200).body("name", equalTo("Robert"));
        as(me).delete("/v1/contacts/" + id).then().statusCode(204);
        as(me).get("/v1/contacts/" + id).then().statusCode(404).contentType("application/problem+json");
        as(me).delete("/v1/contacts/" + id).then().statusCode(404).contentType("application/problem+json");
        as(me).contentType(ContentType.JSON).body(Map.of("name", "Ghost")).patch("/v1/contacts/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        as(other).get("/v1/contacts/" + id).then().statusCode(200).body("name", equalTo("Robert"));
    }

    @Test
    void addingANumberTwiceIsAConflictAndKeepsTheFirstName() {
        UUID me = UUID.randomUUID();
        String phone = Phones.fresh();
        add(me, phone, "First").statusCode(201);
        add(me, phone, "Second").statusCode(409).contentType("application/problem+json");
        as(me).get("/v1/contacts/" + ContactIds.of(phone)).then().body("name", equalTo("First"));
    }

    @Test
    void badRequestsGetProblemBodiesAndChangeNothing() {
        UUID me = UUID.randomUUID();
        add(me, "12345", "No plus").statusCode(400).body("errors.field", hasItem("phoneNumber"));
        add(me, Phones.fresh(), "").statusCode(400).body("errors.field", hasItem("name"));
        add(me, Phones.fresh(), "x".repeat(65)).statusCode(400).body("errors.field", hasItem("name"));
        as(me).get("/v1/contacts/not-a-uuid").then().statusCode(400).contentType("application/problem+json");
        as(me).contentType(ContentType.JSON).body(Map.of("name", " ")).patch("/v1/contacts/" + UUID.randomUUID())
                .then().statusCode(400);
        as(me).get("/v1/contacts?limit=0").then().statusCode(400).body("detail", equalTo("limit must be 1 to 100, not 0"));
        as(me).get("/v1/contacts?limit=101").then().statusCode(400);
        as(me).get("/v1/contacts?limit=many").then().statusCode(400);
        as(me).get("/v1/contacts?cursor=yesterday").then().statusCode(400).contentType("application/problem+json");
        as(me).get("/v1/contacts").then().statusCode(200).body("contacts.size()", equalTo(0));
        given().get("/v1/contacts").then().statusCode(401).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("phoneNumber", Phones.fresh(), "name", "x"))
                .post("/v1/contacts").then().statusCode(401);
        given().delete("/v1/contacts/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void contactsAreListedWithoutPresenceWhenPresenceServiceFails() {
        UUID me = UUID.randomUUID();
        String phone = Phones.fresh();
        register(phone, "Somebody");
        PresenceServiceStub.failing(true);
        try {
            add(me, phone, "Somebody").statusCode(201).body("registered", equalTo(true))
                    .body("userId", notNullValue()).body("presence", nullValue());
        } finally {
            PresenceServiceStub.failing(false);
        }
    }

    private ValidatableResponse add(UUID owner, String phone, String name) {
        return as(owner).contentType(ContentType.JSON).body(Map.of("phoneNumber", phone, "name", name))
                .post("/v1/contacts").then();
    }

    private static String register(String phone, String name) {
        return given().contentType(ContentType.JSON).body(Map.of("phoneNumber", phone, "displayName", name))
                .post("/v1/accounts").then().statusCode(201).extract().path("userId");
    }

    private RequestSpecification as(UUID user) {
        return given().auth().oauth2(servers.tokens().mint(user, "phone", Duration.ofHours(1)));
    }
}
