package dev.chat.message.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.message.support.TestUsers;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Upload slots and download links against a real S3 API (S3Proxy), with the bytes going straight to it. */
@QuarkusTest
class AttachmentsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @InjectTestServers
    TestServers servers;

    @Test
    void aFileUploadedThroughItsSlotIsDownloadedByItsUploaderWithTheSameBytesAndDigest() throws Exception {
        UUID alice = TestUsers.registered();
        byte[] photo = "not really a jpeg, but 42 bytes of it....".getBytes();
        String digest = sha256(photo);

        JsonPath slot = slot(alice, "image/jpeg", photo.length, digest).statusCode(201)
                .header("Location", containsString("/v1/attachments/")).extract().jsonPath();
        assertEquals("image/jpeg", slot.getString("uploadHeaders.content-type"));
        assertEquals(200, put(slot, photo, "image/jpeg").statusCode());

        JsonPath link = given().auth().oauth2(token(alice)).get("/v1/attachments/" + slot.getString("attachmentId")).then()
                .statusCode(200).body("sha256", equalTo(digest)).body("size", equalTo(photo.length))
                .body("contentType", equalTo("image/jpeg")).extract().jsonPath();
        HttpResponse<byte[]> downloaded = HTTP.send(HttpRequest.newBuilder(URI.create(link.getString("downloadUrl"))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, downloaded.statusCode());
        assertArrayEquals(photo, downloaded.body());
    }

    @Test
    void theStoreRefusesAnUploadOfAnotherSizeOrTypeAndAForgedSignature() throws Exception {
        UUID alice = TestUsers.registered();
        byte[] file = new byte[100];
        JsonPath slot = slot(alice, "application/pdf", file.length, sha256(file)).statusCode(201).extract().jsonPath();

        assertTrue(put(slot, new byte[101], "application/pdf").statusCode() >= 400, "a body of another size");
        assertTrue(put(slot, file, "text/html").statusCode() >= 400, "another content type");
        String forged = slot.getString("uploadUrl").replaceFirst("X-Amz-Signature=[0-9a-f]{4}", "X-Amz-Signature=0000");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(forged))
                .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode(), response.body());
    }

    @Test
    void onlyTheUploaderGetsALinkAndOnlyOnceTheFileIsThere() throws Exception {
        UUID alice = TestUsers.registered();
        UUID mallory = TestUsers.registered();
        byte[] file = new byte[10];
        JsonPath slot = slot(alice, "audio/ogg", file.length, sha256(file)).statusCode(201).extract().jsonPath();
        String id = slot.getString("attachmentId");

        given().auth().oauth2(token(alice)).get("/v1/attachments/" + id).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("not been uploaded yet"));
        put(slot, file, "audio/ogg");
        given().auth().oauth2(token(mallory)).get("/v1/attachments/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(token(alice)).get("/v1/attachments/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/v1/attachments/" + id).then().statusCode(401);
    }

    @Test
    void aSlotIsRefusedForAFileOfNoAcceptedTypeOrSizeOrWithoutADigest() {
        UUID alice = TestUsers.registered();
        String digest = "a".repeat(64);
        slot(alice, "application/x-msdownload ; evil", 10, digest).statusCode(400).body("detail", containsString("contentType"));
        slot(alice, "font/woff2", 10, digest).statusCode(400).body("detail", containsString("not accepted"));
        slot(alice, "image/png", 0, digest).statusCode(400).body("detail", containsString("size"));
        slot(alice, "image/png", 2 * 1024 * 1024, digest).statusCode(400).body("detail", containsString("size"));
        slot(alice, "image/png", 10, "abc").statusCode(400).body("detail", containsString("sha256"));
        given().auth().oauth2(token(alice)).contentType(ContentType.JSON).body(Map.of("contentType", "image/png"))
                .post("/v1/attachments").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aMessageCarriesTheUploadToTheOtherUserAloneUntilItIsDeletedForEveryoneWithItsFile() throws Exception {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID carol = TestUsers.registered();
        byte[] photo = new byte[2048];
        new java.util.Random(7).nextBytes(photo);
        JsonPath slot = slot(alice, "image/png", photo.length, sha256(photo)).statusCode(201).extract().jsonPath();
        String id = slot.getString("attachmentId");
        Map<String, Object> attachment = Map.of("id", id, "contentType", "image/png", "size", photo.length,
                "sha256", sha256(photo), "thumbnail", "iVBORw0KGgo=");

        send(alice, bob, "early", attachment, null).statusCode(404).body("code", equalTo("unknown_attachment"))
                .body("detail", containsString("not been uploaded yet"));
        put(slot, photo, "image/png");
        send(bob, alice, "not-mine", attachment, null).statusCode(404).body("code", equalTo("unknown_attachment"));
        send(alice, bob, "lying", Map.of("id", id, "contentType", "image/png", "size", 1, "sha256", sha256(photo)), null)
                .statusCode(400);
        UUID message = UUID.fromString(send(alice, bob, "photo", attachment, "the view").statusCode(201).extract()
                .path("messageId"));
        send(alice, carol, "again-elsewhere", attachment, null).statusCode(404).body("code", equalTo("unknown_attachment"));

        String link = given().auth().oauth2(token(bob)).get("/v1/attachments/" + id).then().statusCode(200)
                .body("sha256", equalTo(sha256(photo))).extract().path("downloadUrl");
        assertArrayEquals(photo, HTTP.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body(), "the other user downloads the file");
        given().auth().oauth2(token(carol)).get("/v1/attachments/" + id).then().statusCode(404);

        dev.chat.message.support.Gateway.gateway().contentType(ContentType.JSON).body(Map.of("senderId", alice,
                "senderDeviceId", "phone", "recipientId", bob, "clientMessageId", "unsend", "action", "delete", "target", message))
                .post("/internal/v1/messages").then().statusCode(201);
        given().auth().oauth2(token(bob)).get("/v1/attachments/" + id).then().statusCode(404);
        given().auth().oauth2(token(alice)).get("/v1/attachments/" + id).then().statusCode(404);
        assertEquals(404, HTTP.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode(), "the file is gone from the store, even for a link handed out before");
    }

    @Test
    void inAGroupEveryCurrentMemberDownloadsTheFileAndNobodyElse() throws Exception {
        UUID ann = TestUsers.registered();
        UUID ben = TestUsers.registered();
        UUID cid = TestUsers.registered();
        UUID group = UUID.fromString(given().auth().oauth2(token(ann)).contentType(ContentType.JSON)
                .body(Map.of("name", "team", "memberIds", java.util.List.of(ben, cid))).post("/v1/groups").then()
                .statusCode(201).extract().path("groupId"));
        byte[] file = "minutes of the meeting".getBytes();
        JsonPath slot = slot(ann, "text/plain", file.length, sha256(file)).statusCode(201).extract().jsonPath();
        put(slot, file, "text/plain");
        String id = slot.getString("attachmentId");
        dev.chat.message.support.Gateway.gateway().contentType(ContentType.JSON).body(Map.of("senderId", ann,
                "senderDeviceId", "phone", "groupId", group, "clientMessageId", "minutes", "body", "as promised",
                "attachment", Map.of("id", id, "contentType", "text/plain", "size", file.length, "sha256", sha256(file))))
                .post("/internal/v1/messages").then().statusCode(201);

        given().auth().oauth2(token(cid)).get("/v1/attachments/" + id).then().statusCode(200);
        given().auth().oauth2(token(TestUsers.registered())).get("/v1/attachments/" + id).then().statusCode(404);
        given().auth().oauth2(token(ann)).delete("/v1/groups/" + group + "/members/" + cid).then().statusCode(204);
        given().auth().oauth2(token(cid)).get("/v1/attachments/" + id).then().statusCode(404);
        given().auth().oauth2(token(ben)).get("/v1/attachments/" + id).then().statusCode(200);
    }

    @Test
    void aSweepDeletesTheUploadsNoMessageCarriedOnceTheyAreOlderThanTheirTimeToLive() throws Exception {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        byte[] file = new byte[64];
        String digest = sha256(file);
        JsonPath abandoned = slot(alice, "image/gif", file.length, digest).statusCode(201).extract().jsonPath();
        JsonPath sent = slot(alice, "image/gif", file.length, digest).statusCode(201).extract().jsonPath();
        put(abandoned, file, "image/gif");
        put(sent, file, "image/gif");
        send(alice, bob, "gif", Map.of("id", sent.getString("attachmentId"), "contentType", "image/gif", "size", file.length,
                "sha256", digest), null).statusCode(201);

        int now = sweeper.sweep(java.time.Instant.now()).await().atMost(Duration.ofSeconds(30));
        assertEquals(0, now, "nothing is old enough yet");
        sweeper.sweep(java.time.Instant.now().plus(Duration.ofHours(26))).await().atMost(Duration.ofSeconds(30));

        given().auth().oauth2(token(alice)).get("/v1/attachments/" + abandoned.getString("attachmentId")).then().statusCode(404);
        given().auth().oauth2(token(bob)).get("/v1/attachments/" + sent.getString("attachmentId")).then().statusCode(200);
    }

    @jakarta.inject.Inject
    dev.chat.message.domain.AttachmentSweeper sweeper;

    private static io.restassured.response.ValidatableResponse send(UUID from, UUID to, String clientId,
            Map<String, Object> attachment, String caption) {
        Map<String, Object> request = new java.util.HashMap<>(Map.of("senderId", from, "senderDeviceId", "phone",
                "recipientId", to, "clientMessageId", clientId, "attachment", attachment));
        if (caption != null) {
            request.put("body", caption);
        }
        return dev.chat.message.support.Gateway.gateway().contentType(ContentType.JSON).body(request)
                .post("/internal/v1/messages").then();
    }

    private io.restassured.response.ValidatableResponse slot(UUID user, String contentType, long size, String sha256) {
        return given().auth().oauth2(token(user)).contentType(ContentType.JSON)
                .body(Map.of("contentType", contentType, "size", size, "sha256", sha256)).post("/v1/attachments").then();
    }

    /** PUTs {@code body} to the slot's URL as a client does, with its headers (the HTTP client sets the length). */
    private static HttpResponse<String> put(JsonPath slot, byte[] body, String contentType) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(slot.getString("uploadUrl"))).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String token(UUID user) {
        return servers.tokens().mint(user, "phone", Duration.ofHours(1));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
