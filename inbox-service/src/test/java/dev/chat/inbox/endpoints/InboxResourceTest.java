package dev.chat.inbox.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.TimeUuids;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.ManagementPort;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class InboxResourceTest {

    @TestHTTPResource(value = "/openapi", management = true)
    URL openapi;

    @Inject
    QuarkusCqlSession cassandra;

    @InjectTestServers
    TestServers servers;

    @Test
    void theSignedInUserPagesThroughTheirOwnConversationsNewestFirst() {
        UUID me = UUID.randomUUID();
        UUID[] peers = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        Instant base = Instant.now().minusSeconds(60);
        for (int i = 0; i < peers.length; i++) {
            write(me, peers[i], TimeUuids.startOf(base.plusSeconds(i)), "from peer " + i, i);
        }
        write(UUID.randomUUID(), me, TimeUuids.startOf(base), "someone else's inbox", 1);

        String cursor = as(me).get("/v1/inbox?limit=2").then().statusCode(200)
                .body("conversations.peerId", contains(peers[2].toString(), peers[1].toString()))
                .body("conversations[0].lastMessagePreview", equalTo("from peer 2"))
                .body("conversations[0].unreadCount", equalTo(2))
                .body("conversations[0].chatId", equalTo(ChatIds.direct(me, peers[2]).toString()))
                .extract().path("nextCursor");
        as(me).get("/v1/inbox?limit=2&cursor=" + cursor).then().statusCode(200)
                .body("conversations.peerId", contains(peers[0].toString()))
                .body("conversations[0].unreadCount", equalTo(0))
                .body("nextCursor", nullValue());
        as(UUID.randomUUID()).get("/v1/inbox").then().statusCode(200).body("conversations", empty());
    }

    @Test
    void badPagesAndMissingTokensGetProblemBodies() {
        UUID me = UUID.randomUUID();
        as(me).get("/v1/inbox?limit=0").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("limit must be 1 to 100, not 0"));
        as(me).get("/v1/inbox?limit=101").then().statusCode(400).contentType("application/problem+json");
        as(me).get("/v1/inbox?cursor=bm90LWEtY3Vyc29y").then().statusCode(400).contentType("application/problem+json");
        as(me).get("/v1/inbox?limit=ten").then().statusCode(400);
        given().get("/v1/inbox").then().statusCode(401).contentType("application/problem+json");
    }

    private RequestSpecification as(UUID user) {
        return given().auth().oauth2(servers.tokens().mint(user, "phone", Duration.ofHours(1)));
    }

    private void write(UUID user, UUID peer, UUID lastMessage, String preview, int unread) {
        Set<UUID> unreadIds = new java.util.HashSet<>();
        for (int i = 0; i < unread; i++) {
            unreadIds.add(TimeUuids.startOf(TimeUuids.instantOf(lastMessage).minusMillis(i)));
        }
        cassandra.execute("UPDATE user_inbox SET peer_id = ?, is_group = false, last_message_id = ?, last_sender_id = ?,"
                + " last_message_preview = ?, unread_message_ids = unread_message_ids + ? WHERE user_id = ? AND chat_id = ?",
                peer, lastMessage, peer, preview, unreadIds, user, ChatIds.direct(user, peer));
    }

    @Test
    void theApiIsDescribedOnTheManagementPortAndQIsNotServedOnThePublicPort() {
        ManagementPort.assertNotServedOnThePublicPort();
        given().accept("application/json").get(openapi).then().statusCode(200)
                .body("paths.keySet()", hasItem("/v1/inbox"))
                .body("paths.keySet()", hasItem("/v1/chats/{chatId}/messages"));
    }
}
