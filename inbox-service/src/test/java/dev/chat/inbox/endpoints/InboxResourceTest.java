package dev.chat.inbox.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.TimeUuids;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.ManagementPort;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
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

    @Test
    void pinnedChatsComeFirstAndPagingCrossesFromThemToTheRest() {
        UUID me = UUID.randomUUID();
        UUID[] peers = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        Instant base = Instant.now().minusSeconds(60);
        for (int i = 0; i < peers.length; i++) {
            write(me, peers[i], TimeUuids.startOf(base.plusSeconds(i)), "from peer " + i, 0);
        }
        String pinnedAt = change(me, peers[0], "{\"pinned\": true}").statusCode(200)
                .body("archived", equalTo(false)).body("pinnedAt", notNullValue()).body("muted", equalTo(false))
                .extract().path("pinnedAt");
        change(me, peers[1], "{\"pinned\": true}").statusCode(200);

        String cursor = as(me).get("/v1/inbox?limit=1").then().statusCode(200)
                .body("conversations.peerId", contains(peers[1].toString()))
                .body("conversations[0].pinnedAt", notNullValue())
                .extract().path("nextCursor");
        cursor = as(me).get("/v1/inbox?limit=2&cursor=" + cursor).then().statusCode(200)
                .body("conversations.peerId", contains(peers[0].toString(), peers[3].toString()))
                .body("conversations[1].pinnedAt", nullValue())
                .extract().path("nextCursor");
        as(me).get("/v1/inbox?limit=2&cursor=" + cursor).then().statusCode(200)
                .body("conversations.peerId", contains(peers[2].toString()))
                .body("nextCursor", nullValue());

        as(me).get("/v1/inbox").then().statusCode(200)
                .body("conversations[1].pinnedAt", equalTo(pinnedAt)); // the answer to the change is what is stored
        change(me, peers[1], "{\"pinned\": false}").statusCode(200).body("pinnedAt", nullValue());
        as(me).get("/v1/inbox").then().statusCode(200)
                .body("conversations.peerId", contains(peers[0].toString(), peers[3].toString(), peers[2].toString(),
                        peers[1].toString()));
    }

    @Test
    void archivedChatsStayArchivedWhenMessagesArriveAndCanBeListedApart() {
        UUID me = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        UUID chatty = UUID.randomUUID();
        Instant base = Instant.now().minusSeconds(60);
        write(me, quiet, TimeUuids.startOf(base), "hello", 1);
        write(me, chatty, TimeUuids.startOf(base.plusSeconds(1)), "hi", 1);
        change(me, chatty, "{\"archived\": true, \"mute\": \"always\"}").statusCode(200)
                .body("archived", equalTo(true)).body("muted", equalTo(true)).body("mutedUntil", nullValue());

        write(me, chatty, TimeUuids.startOf(base.plusSeconds(2)), "still there?", 2);
        as(me).get("/v1/inbox?archived=true").then().statusCode(200)
                .body("conversations.peerId", contains(chatty.toString()))
                .body("conversations[0].lastMessagePreview", equalTo("still there?"))
                .body("conversations[0].archived", equalTo(true))
                .body("conversations[0].muted", equalTo(true));
        as(me).get("/v1/inbox?archived=false").then().statusCode(200)
                .body("conversations.peerId", contains(quiet.toString()))
                .body("conversations[0].archived", equalTo(false));
        as(me).get("/v1/inbox").then().statusCode(200)
                .body("conversations.peerId", contains(chatty.toString(), quiet.toString()));

        change(me, chatty, "{\"pinned\": true}").statusCode(200)
                .body("archived", equalTo(false)).body("muted", equalTo(true));
        change(me, chatty, "{\"mute\": \"8h\"}").statusCode(200)
                .body("pinnedAt", notNullValue()).body("mutedUntil", notNullValue());
        change(me, chatty, "{\"mute\": \"off\"}").statusCode(200).body("muted", equalTo(false));
    }

    @Test
    void aChatMarkedUnreadStaysMarkedOnEveryReadUntilTheMarkIsCleared() {
        UUID me = UUID.randomUUID();
        UUID peer = UUID.randomUUID();
        write(me, peer, TimeUuids.startOf(Instant.now().minusSeconds(5)), "read already", 0);
        as(me).get("/v1/inbox").then().statusCode(200).body("conversations[0].markedUnread", equalTo(false));

        change(me, peer, "{\"markedUnread\": true}").statusCode(200).body("markedUnread", equalTo(true));
        change(me, peer, "{\"pinned\": true}").statusCode(200).body("markedUnread", equalTo(true));
        as(me).get("/v1/inbox").then().statusCode(200)
                .body("conversations[0].markedUnread", equalTo(true))
                .body("conversations[0].unreadCount", equalTo(0));
        change(me, peer, "{\"markedUnread\": false}").statusCode(200).body("markedUnread", equalTo(false));
        as(me).get("/v1/inbox").then().statusCode(200)
                .body("conversations[0].markedUnread", equalTo(false))
                .body("conversations[0].pinnedAt", notNullValue());
    }

    @Test
    void aFourthPinAndChatsThatAreNotOnesOwnAreRefusedWithProblemBodies() {
        UUID me = UUID.randomUUID();
        UUID[] peers = {UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID()};
        for (int i = 0; i < peers.length; i++) {
            write(me, peers[i], TimeUuids.startOf(Instant.now().minusSeconds(10 - i)), "m" + i, 0);
        }
        for (int i = 0; i < 3; i++) {
            change(me, peers[i], "{\"pinned\": true}").statusCode(200);
        }
        change(me, peers[3], "{\"pinned\": true}").statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("at most 3 chats can be pinned: unpin one first"));
        change(me, peers[0], "{\"archived\": true}").statusCode(200).body("pinnedAt", nullValue());
        change(me, peers[3], "{\"pinned\": true}").statusCode(200);

        UUID stranger = UUID.randomUUID();
        as(stranger).contentType("application/json").body("{\"archived\": true}")
                .patch("/v1/inbox/" + ChatIds.direct(me, peers[1])).then().statusCode(404)
                .contentType("application/problem+json");
        as(stranger).get("/v1/inbox").then().statusCode(200).body("conversations", empty());
    }

    @Test
    void aDeletedChatLeavesTheListFreesItsPinAndComesBackWithItsNextMessageAsANewChat() {
        UUID me = UUID.randomUUID();
        UUID gone = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        Instant base = Instant.now().minusSeconds(60);
        write(me, gone, TimeUuids.startOf(base), "old news", 1);
        write(me, kept, TimeUuids.startOf(base.plusSeconds(1)), "still here", 0);
        change(me, gone, "{\"pinned\": true, \"mute\": \"always\", \"markedUnread\": true}").statusCode(200);

        as(me).delete("/v1/inbox/" + ChatIds.direct(me, gone)).then().statusCode(204);
        as(me).delete("/v1/inbox/" + ChatIds.direct(me, gone)).then().statusCode(204); // again: no error
        as(me).get("/v1/inbox").then().statusCode(200).body("conversations.peerId", contains(kept.toString()));
        as(me).get("/v1/chats/" + ChatIds.direct(me, gone) + "/messages").then().statusCode(200).body("messages", empty());

        write(me, gone, TimeUuids.startOf(Instant.now().plusSeconds(1)), "back again", 1); // after the deletion
        as(me).get("/v1/inbox").then().statusCode(200)
                .body("conversations.peerId", contains(gone.toString(), kept.toString()))
                .body("conversations[0].lastMessagePreview", equalTo("back again"))
                .body("conversations[0].unreadCount", equalTo(1))
                .body("conversations[0].pinnedAt", nullValue())
                .body("conversations[0].muted", equalTo(false))
                .body("conversations[0].markedUnread", equalTo(false));
    }

    @Test
    void aGroupIsDeletedOnlyOnceLeftAndAChatThatIsNotOnesOwnIsNotFound() {
        UUID me = UUID.randomUUID();
        UUID current = UUID.randomUUID();
        UUID left = UUID.randomUUID();
        cassandra.execute("INSERT INTO groups (group_id, name, members, version) VALUES (?, 'g', ?, 1)", current,
                java.util.Map.of(me, "member"));
        for (UUID group : new UUID[] {current, left}) {
            cassandra.execute("INSERT INTO user_inbox (user_id, chat_id, peer_id, is_group, last_message_id, last_message_preview)"
                    + " VALUES (?, ?, ?, true, ?, 'hello group')", me, group, group, TimeUuids.startOf(Instant.now().minusSeconds(5)));
        }

        as(me).delete("/v1/inbox/" + current).then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("leave the group before deleting its chat"));
        as(me).delete("/v1/inbox/" + left).then().statusCode(204);
        as(me).get("/v1/inbox").then().statusCode(200).body("conversations.chatId", contains(current.toString()));

        as(UUID.randomUUID()).delete("/v1/inbox/" + current).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no chat " + current + " among yours"));
        as(me).delete("/v1/inbox/not-a-chat").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void badChangesGetProblemBodiesNamingWhatToFix() {
        UUID me = UUID.randomUUID();
        UUID peer = UUID.randomUUID();
        write(me, peer, TimeUuids.startOf(Instant.now().minusSeconds(5)), "hi", 0);
        change(me, peer, "{\"mute\": \"forever\"}").statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("mute"))
                .body("errors[0].message", equalTo("must be '8h', '1w', 'always' or 'off'"));
        change(me, peer, "{}").statusCode(400).body("detail", equalTo("nothing to change: give archived, pinned, mute or markedUnread"));
        change(me, peer, "{\"archived\": true, \"pinned\": true}").statusCode(400);
        change(me, peer, "{\"archived\": \"soon\"}").statusCode(400).contentType("application/problem+json");
        change(me, peer, "{\"starred\": true}").statusCode(400).contentType("application/problem+json");
        as(me).contentType("application/json").body("{\"archived\": true}").patch("/v1/inbox/not-a-chat")
                .then().statusCode(400).contentType("application/problem+json");
        as(me).get("/v1/inbox?archived=maybe").then().statusCode(400)
                .body("detail", equalTo("archived must be true or false, not 'maybe'"));
        as(me).get("/v1/inbox").then().statusCode(200)
                .body("conversations[0].archived", equalTo(false)).body("conversations[0].muted", equalTo(false));
    }

    private ValidatableResponse change(UUID user, UUID peer, String body) {
        return as(user).contentType("application/json").body(body)
                .patch("/v1/inbox/" + ChatIds.direct(user, peer)).then();
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
