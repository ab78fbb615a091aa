package dev.chat.inbox.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.inbox.ChatRows;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StarredMessagesTest {

    @Inject
    QuarkusCqlSession cassandra;

    @InjectTestServers
    TestServers servers;

    ChatRows rows;
    UUID me;
    UUID peer;
    UUID other;
    UUID chat;
    UUID otherChat;
    Instant start;

    @BeforeEach
    void twoChats() {
        rows = new ChatRows(cassandra);
        me = UUID.randomUUID();
        peer = UUID.randomUUID();
        other = UUID.randomUUID();
        chat = ChatIds.direct(me, peer);
        otherChat = ChatIds.direct(me, other);
        for (UUID[] member : new UUID[][] {{me, chat}, {peer, chat}, {me, otherChat}, {other, otherChat}}) {
            rows.member(member[0], member[1]);
        }
        start = Instant.now().minus(1, ChronoUnit.HOURS);
    }

    @Test
    void starredMessagesAreMarkedInTheStarrersHistoryAndListedAcrossChatsNewestFirst() {
        UUID first = message(chat, peer, 1, "first");
        UUID unstarred = message(chat, me, 2, "not starred");
        UUID second = message(otherChat, other, 3, "second");
        UUID third = message(chat, me, 4, "third");
        for (UUID[] star : new UUID[][] {{chat, third}, {chat, first}, {otherChat, second}, {chat, first}}) {
            as(me).put(starOf(star[0], star[1])).then().statusCode(204);
        }

        as(me).get("/v1/chats/starred").then().statusCode(200)
                .body("messages.message.messageId", contains(third.toString(), second.toString(), first.toString()))
                .body("messages.chatId", contains(chat.toString(), otherChat.toString(), chat.toString()))
                .body("messages.message.body", contains("third", "second", "first"))
                .body("messages.message.starred", everyItem(equalTo(true)))
                .body("nextBefore", nullValue());
        as(me).get("/v1/chats/" + chat + "/messages").then().statusCode(200)
                .body("messages.messageId", contains(third.toString(), unstarred.toString(), first.toString()))
                .body("messages.starred", contains(true, null, true));
        // Stars are the starrer's own: the other user of the chat sees none, and has none listed.
        as(peer).get("/v1/chats/" + chat + "/messages").then().statusCode(200)
                .body("messages.starred", everyItem(nullValue()));
        as(peer).get("/v1/chats/starred").then().statusCode(200).body("messages", empty());
    }

    @Test
    void unstarringTakesAMessageOffTheListAndIsIdempotent() {
        UUID kept = message(chat, peer, 1, "kept");
        UUID dropped = message(chat, peer, 2, "dropped");
        as(me).put(starOf(chat, kept)).then().statusCode(204);
        as(me).put(starOf(chat, dropped)).then().statusCode(204);

        as(me).delete(starOf(chat, dropped)).then().statusCode(204);
        as(me).delete(starOf(chat, dropped)).then().statusCode(204);

        as(me).get("/v1/chats/starred").then().statusCode(200).body("messages.message.messageId", contains(kept.toString()));
        as(me).get("/v1/chats/" + chat + "/messages").then().statusCode(200)
                .body("messages.starred", contains(null, true));
    }

    @Test
    void theListLeavesOutWhatTheUserNoLongerSees() {
        UUID hidden = message(chat, peer, 1, "deleted for me");
        UUID shown = message(chat, peer, 2, "still here");
        UUID deletedForEveryone = message(chat, peer, 3, "deleted for everyone");
        UUID cleared = message(otherChat, other, 4, "cleared with its chat");
        for (UUID[] star : new UUID[][] {{chat, hidden}, {chat, shown}, {chat, deletedForEveryone}, {otherChat, cleared}}) {
            as(me).put(starOf(star[0], star[1])).then().statusCode(204);
        }

        as(me).delete("/v1/chats/" + chat + "/messages/" + hidden).then().statusCode(204);
        cassandra.execute("UPDATE messages SET deleted_at = toTimestamp(now()) WHERE chat_id = ? AND bucket = ? AND message_id = ?",
                chat, MessageBuckets.bucketOf(chat, deletedForEveryone), deletedForEveryone);
        as(me).delete("/v1/chats/" + otherChat + "/messages").then().statusCode(204);

        as(me).get("/v1/chats/starred").then().statusCode(200).body("messages.message.messageId", contains(shown.toString()));
    }

    @Test
    void pagesFollowNextBeforeToTheOldestStar() {
        UUID a = message(chat, peer, 1, "a");
        UUID b = message(chat, peer, 2, "b");
        UUID c = message(otherChat, other, 3, "c");
        for (UUID[] star : new UUID[][] {{chat, a}, {chat, b}, {otherChat, c}}) {
            as(me).put(starOf(star[0], star[1])).then().statusCode(204);
        }

        String next = as(me).queryParam("limit", 2).get("/v1/chats/starred").then().statusCode(200)
                .body("messages.message.messageId", contains(c.toString(), b.toString()))
                .body("nextBefore", equalTo(b.toString())).extract().path("nextBefore");
        as(me).queryParam("limit", 2).queryParam("before", next).get("/v1/chats/starred").then().statusCode(200)
                .body("messages.message.messageId", contains(a.toString())).body("nextBefore", nullValue());
    }

    @Test
    void onlyAMessageTheUserSeesCanBeStarred() {
        UUID strangersChat = ChatIds.direct(peer, other);
        rows.member(peer, strangersChat);
        UUID theirs = message(strangersChat, peer, 1, "not yours");
        UUID hidden = message(chat, peer, 2, "deleted for me");
        UUID deleted = message(chat, peer, 3, "deleted for everyone");
        as(me).delete("/v1/chats/" + chat + "/messages/" + hidden).then().statusCode(204);
        cassandra.execute("UPDATE messages SET deleted_at = toTimestamp(now()) WHERE chat_id = ? AND bucket = ? AND message_id = ?",
                chat, MessageBuckets.bucketOf(chat, deleted), deleted);

        as(me).put(starOf(strangersChat, theirs)).then().statusCode(404).contentType("application/problem+json");
        as(me).put(starOf(chat, theirs)).then().statusCode(404).contentType("application/problem+json");
        as(me).put(starOf(chat, hidden)).then().statusCode(404).contentType("application/problem+json");
        as(me).put(starOf(chat, deleted)).then().statusCode(409).contentType("application/problem+json")
                .body("detail", not(equalTo(null)));
        as(me).put("/v1/chats/" + chat + "/messages/nope/star").then().statusCode(400).contentType("application/problem+json");
        as(me).put("/v1/chats/nope/messages/" + hidden + "/star").then().statusCode(400).contentType("application/problem+json");
        as(me).queryParam("before", "nope").get("/v1/chats/starred").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/v1/chats/starred").then().statusCode(401);

        as(me).get("/v1/chats/starred").then().statusCode(200).body("messages", empty());
    }

    private UUID message(UUID chatId, UUID sender, int minute, String body) {
        return rows.message(chatId, sender, start.plus(minute, ChronoUnit.MINUTES), body);
    }

    private static String starOf(UUID chatId, UUID messageId) {
        return "/v1/chats/" + chatId + "/messages/" + messageId + "/star";
    }

    private RequestSpecification as(UUID user) {
        return given().auth().oauth2(servers.tokens().mint(user, "phone", Duration.ofHours(1)));
    }
}
