package dev.chat.inbox.endpoints;

import static dev.chat.inbox.ChatRows.currentBucket;
import static dev.chat.inbox.ChatRows.startOfBucket;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.MessageBuckets;
import dev.chat.common.ids.TimeUuids;
import dev.chat.inbox.ChatRows;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChatHistoryResourceTest {

    @Inject
    QuarkusCqlSession cassandra;

    @InjectTestServers
    TestServers servers;

    ChatRows rows;
    UUID me;
    UUID peer;
    UUID chat;

    @BeforeEach
    void directChat() {
        rows = new ChatRows(cassandra);
        me = UUID.randomUUID();
        peer = UUID.randomUUID();
        chat = ChatIds.direct(me, peer);
        rows.member(me, chat);
        rows.member(peer, chat);
    }

    @Test
    void pagingBackVisitsEveryMessageOnceNewestFirstAcrossBucketsAndTheGapsBetweenThem() {
        List<String> oldestFirst = spreadOverThreeBucketsWithGaps();

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String before = null;
        do {
            RequestSpecification request = as(me).queryParam("limit", 4);
            if (before != null) {
                request.queryParam("before", before);
            }
            JsonPath page = request.get(messagesOf(chat)).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("messages.messageId", String.class);
            assertEquals(chat.toString(), page.getString("chatId"));
            assertEquals(before == null ? null : ids.get(0), page.getString("nextAfter"));
            seen.addAll(ids);
            pageSizes.add(ids.size());
            before = page.getString("nextBefore");
            if (before != null) {
                assertEquals(ids.get(ids.size() - 1), before);
            }
        } while (before != null);

        assertEquals(reversed(oldestFirst), seen);
        assertEquals(seen.size(), new HashSet<>(seen).size());
        assertEquals(List.of(4, 4, 2), pageSizes);
    }

    @Test
    void pagingForwardWithAfterGivesTheClosestNewerMessagesNewestFirstUntilTheNewest() {
        List<String> oldestFirst = spreadOverThreeBucketsWithGaps();

        List<String> seenOldestFirst = new ArrayList<>();
        String after = oldestFirst.get(0);
        while (after != null) {
            JsonPath page = as(me).queryParam("limit", 4).queryParam("after", after)
                    .get(messagesOf(chat)).then().statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("messages.messageId", String.class);
            assertEquals(ids.get(ids.size() - 1), page.getString("nextBefore"));
            seenOldestFirst.addAll(reversed(ids));
            after = page.getString("nextAfter");
            if (after != null) {
                assertEquals(ids.get(0), after);
            }
        }

        assertEquals(oldestFirst.subList(1, oldestFirst.size()), seenOldestFirst);
        as(me).queryParam("after", oldestFirst.get(oldestFirst.size() - 1)).get(messagesOf(chat)).then()
                .statusCode(200).body("messages", empty()).body("nextAfter", nullValue())
                .body("nextBefore", nullValue());
    }

    @Test
    void withoutCursorTheNewestMessagesComeFirstWithSenderTimeAndReceipts() {
        Instant base = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        UUID first = rows.message(chat, me, base, "hi", true, true);
        UUID second = rows.message(chat, peer, base.plusMillis(1500), "hello", true, false);
        UUID third = rows.message(chat, me, base.plusSeconds(3), "a group-style row without receipts", null, null);

        as(me).get(messagesOf(chat)).then().statusCode(200)
                .body("chatId", equalTo(chat.toString()))
                .body("messages.messageId", contains(third.toString(), second.toString(), first.toString()))
                .body("messages.senderId", contains(me.toString(), peer.toString(), me.toString()))
                .body("messages.body", contains("a group-style row without receipts", "hello", "hi"))
                .body("messages.sentAt", contains(base.plusSeconds(3).toString(), base.plusMillis(1500).toString(),
                        base.toString()))
                .body("messages.delivered", contains(false, true, true))
                .body("messages.seen", contains(false, false, true))
                .body("nextBefore", nullValue())
                .body("nextAfter", nullValue());
        as(peer).get(messagesOf(chat) + "?limit=2").then().statusCode(200)
                .body("messages.messageId", contains(third.toString(), second.toString()))
                .body("nextBefore", equalTo(second.toString()))
                .body("nextAfter", nullValue());
    }

    @Test
    void aChatWithoutMessagesYetIsAnEmptyPage() {
        as(me).get(messagesOf(chat)).then().statusCode(200)
                .body("messages", empty()).body("nextBefore", nullValue()).body("nextAfter", nullValue());
    }

    @Test
    void aChatTheUserIsNotPartOfAnswersNotFoundLikeAChatThatDoesNotExist() {
        rows.message(chat, me, Instant.now().minusSeconds(5), "private");
        UUID stranger = UUID.randomUUID();
        UUID missing = UUID.randomUUID();

        as(stranger).get(messagesOf(chat)).then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", equalTo("no chat " + chat + " among yours"));
        as(me).get(messagesOf(missing)).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no chat " + missing + " among yours"));
    }

    @Test
    void malformedRequestsGetBadRequestProblems() {
        String cursor = rows.message(chat, me, Instant.now().minusSeconds(5), "one").toString();
        String chatPath = messagesOf(chat);

        badRequest(as(me).get("/v1/chats/not-a-chat/messages"), "'not-a-chat' is not a chat id (a UUID)");
        badRequest(as(me).get("/v1/chats/1-2-3-4-5/messages"), "'1-2-3-4-5' is not a chat id (a UUID)");
        badRequest(as(me).get(chatPath + "?before=" + cursor + "&after=" + cursor), "give before or after, not both");
        UUID random = UUID.randomUUID();
        badRequest(as(me).get(chatPath + "?before=" + random), "'" + random + "' is not a message id");
        badRequest(as(me).get(chatPath + "?after=yesterday"), "'yesterday' is not a message id (a UUID)");
        badRequest(as(me).get(chatPath + "?limit=0"), "limit must be 1 to 100, not 0");
        badRequest(as(me).get(chatPath + "?limit=101"), "limit must be 1 to 100, not 101");
        badRequest(as(me).get(chatPath + "?limit=ten"), "limit must be 1 to 100, not ten");
        as(me).get(chatPath + "?limit=100").then().statusCode(200);
    }

    @Test
    void aMessageDeletedForMeLeavesMyHistoryAndMyInboxPreviewButNotTheOthers() {
        Instant base = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        UUID kept = rows.message(chat, peer, base, "keep this");
        UUID oops = rows.message(chat, me, base.plusSeconds(1), "oops");
        lastMessage(oops, "oops");

        as(me).delete(messagesOf(chat) + "/" + oops).then().statusCode(204);
        as(me).delete(messagesOf(chat) + "/" + oops).then().statusCode(204); // again: nothing more to do

        as(me).get(messagesOf(chat)).then().statusCode(200).body("messages.messageId", contains(kept.toString()));
        as(peer).get(messagesOf(chat)).then().statusCode(200)
                .body("messages.messageId", contains(oops.toString(), kept.toString()));
        // A page can come back short, even empty, with the link that leads on.
        String next = as(me).queryParam("limit", 1).get(messagesOf(chat)).then().statusCode(200)
                .body("messages", empty()).body("nextBefore", equalTo(oops.toString())).extract().path("nextBefore");
        as(me).queryParam("limit", 1).queryParam("before", next).get(messagesOf(chat)).then().statusCode(200)
                .body("messages.body", contains("keep this"));

        as(me).get("/v1/inbox").then().statusCode(200)
                .body("conversations[0].lastMessageId", equalTo(oops.toString()))
                .body("conversations[0].lastMessagePreview", nullValue());
        as(peer).get("/v1/inbox").then().statusCode(200).body("conversations[0].lastMessagePreview", equalTo("oops"));

        UUID later = rows.message(chat, peer, base.plusSeconds(2), "and then");
        lastMessage(later, "and then");
        as(me).get("/v1/inbox").then().statusCode(200).body("conversations[0].lastMessagePreview", equalTo("and then"));
    }

    @Test
    void deletingForMeWhatIsNotMineToSeeIsNotFoundAndABadIdIsABadRequest() {
        UUID message = rows.message(chat, me, Instant.now().minusSeconds(5), "mine");
        as(UUID.randomUUID()).delete(messagesOf(chat) + "/" + message).then().statusCode(404)
                .contentType("application/problem+json").body("detail", equalTo("no chat " + chat + " among yours"));
        UUID elsewhere = rows.message(ChatIds.direct(me, UUID.randomUUID()), me, Instant.now().minusSeconds(4), "other chat");
        as(me).delete(messagesOf(chat) + "/" + elsewhere).then().statusCode(404)
                .body("detail", equalTo("no message " + elsewhere + " in chat " + chat));
        UUID random = UUID.randomUUID();
        badRequest(as(me).delete(messagesOf(chat) + "/" + random), "'" + random + "' is not a message id");
        as(peer).get(messagesOf(chat)).then().statusCode(200).body("messages.body", contains("mine"));
    }

    @Test
    void clearingAChatEmptiesMyHistoryPreviewAndUnreadCountButNotTheOthersAndLaterMessagesShow() {
        Instant base = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        UUID first = rows.message(chat, peer, base, "one");
        UUID second = rows.message(chat, peer, base.plusSeconds(1), "two");
        lastMessage(second, "two");
        unread(first, second);

        as(me).delete(messagesOf(chat)).then().statusCode(204);
        as(me).delete(messagesOf(chat)).then().statusCode(204); // again: nothing more to clear

        as(me).get(messagesOf(chat)).then().statusCode(200).body("messages", empty()).body("nextBefore", nullValue());
        as(me).queryParam("before", second.toString()).get(messagesOf(chat)).then().statusCode(200).body("messages", empty());
        as(peer).get(messagesOf(chat)).then().statusCode(200)
                .body("messages.messageId", contains(second.toString(), first.toString()));
        as(me).get("/v1/inbox").then().statusCode(200)
                .body("conversations.chatId", contains(chat.toString()))
                .body("conversations[0].lastMessagePreview", nullValue())
                .body("conversations[0].unreadCount", equalTo(0));
        as(peer).get("/v1/inbox").then().statusCode(200).body("conversations[0].lastMessagePreview", equalTo("two"));

        UUID third = rows.message(chat, peer, Instant.now().plusSeconds(1), "three"); // after the clear
        lastMessage(third, "three");
        unread(third);
        as(me).get(messagesOf(chat)).then().statusCode(200)
                .body("messages.messageId", contains(third.toString())).body("nextBefore", nullValue());
        as(me).queryParam("after", first.toString()).get(messagesOf(chat)).then().statusCode(200)
                .body("messages.messageId", contains(third.toString()));
        as(me).get("/v1/inbox").then().statusCode(200)
                .body("conversations[0].lastMessagePreview", equalTo("three"))
                .body("conversations[0].unreadCount", equalTo(1));
    }

    @Test
    void clearingAChatThatIsNotMineIsNotFoundAndABadIdIsABadRequest() {
        rows.message(chat, me, Instant.now().minusSeconds(5), "mine");
        as(UUID.randomUUID()).delete(messagesOf(chat)).then().statusCode(404).contentType("application/problem+json")
                .body("detail", equalTo("no chat " + chat + " among yours"));
        badRequest(as(me).delete("/v1/chats/not-a-chat/messages"), "'not-a-chat' is not a chat id (a UUID)");
        as(me).get(messagesOf(chat)).then().statusCode(200).body("messages.body", contains("mine"));
    }

    /** Adds the messages to my unread set, as message-service does when it stores them. */
    private void unread(UUID... messageIds) {
        cassandra.execute("UPDATE user_inbox SET unread_message_ids = unread_message_ids + ? WHERE user_id = ? AND chat_id = ?",
                Set.of(messageIds), me, chat);
    }

    /** The chat's last message on both inbox rows, as message-service writes it (at the message's own time). */
    private void lastMessage(UUID messageId, String preview) {
        long writeTime = ChronoUnit.MICROS.between(Instant.EPOCH, TimeUuids.instantOf(messageId));
        for (UUID user : List.of(me, peer)) {
            cassandra.execute("UPDATE user_inbox USING TIMESTAMP ? SET peer_id = ?, last_message_id = ?, last_message_preview = ?"
                    + " WHERE user_id = ? AND chat_id = ?", writeTime, user.equals(me) ? peer : me, messageId, preview, user, chat);
        }
    }

    @Test
    void withoutATokenTheHistoryIsUnauthorized() {
        given().get(messagesOf(chat)).then().statusCode(401).contentType("application/problem+json");
    }

    /**
     * Ten messages in buckets b-5, b-3 and b-1 of the chat's 30-day buckets, none in b-4 and b-2,
     * whose chat_buckets rows are therefore absent too; a page of 4 crosses a bucket boundary.
     */
    private List<String> spreadOverThreeBucketsWithGaps() {
        int now = currentBucket(chat);
        int[][] bucketAndCount = {{now - 5, 3}, {now - 3, 4}, {now - 1, 3}};
        List<String> oldestFirst = new ArrayList<>();
        for (int[] bc : bucketAndCount) {
            Instant start = startOfBucket(chat, bc[0]);
            for (int i = 0; i < bc[1]; i++) {
                UUID id = rows.message(chat, i % 2 == 0 ? me : peer, start.plus(Duration.ofHours(1 + i)), "m" + i);
                assertEquals(bc[0], MessageBuckets.bucketOf(chat, id));
                oldestFirst.add(id.toString());
            }
        }
        return oldestFirst;
    }

    private static void badRequest(Response response, String detail) {
        response.then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("detail", equalTo(detail));
    }

    private static String messagesOf(UUID chatId) {
        return "/v1/chats/" + chatId + "/messages";
    }

    private static List<String> reversed(List<String> ids) {
        List<String> copy = new ArrayList<>(ids);
        Collections.reverse(copy);
        return copy;
    }

    @Test
    void aGroupsHistoryIsForItsCurrentMembersOnlyAndShowsSystemMessages() {
        UUID group = UUID.randomUUID();
        UUID removed = UUID.randomUUID();
        cassandra.execute("INSERT INTO groups (group_id, name, members, version) VALUES (?, 'g', ?, 2)", group,
                Map.of(me, "admin", peer, "member"));
        rows.member(removed, group); // an inbox row from before the removal gives no access
        UUID text = rows.message(group, peer, Instant.now().minusSeconds(5), "hello group");
        UUID note = Uuids.startOf(Instant.now().toEpochMilli());
        cassandra.execute("INSERT INTO messages (chat_id, bucket, message_id, sender_id, body, kind, subject_id)"
                + " VALUES (?, ?, ?, ?, '', 'removed', ?)", group, MessageBuckets.bucketOf(group, note), note, me, removed);
        cassandra.execute("INSERT INTO chat_buckets (chat_id, bucket) VALUES (?, ?)", group, MessageBuckets.bucketOf(group, note));

        as(peer).get("/v1/chats/" + group + "/messages").then().statusCode(200)
                .body("messages.messageId", contains(note.toString(), text.toString()))
                .body("messages[0].system", equalTo("removed"))
                .body("messages[0].subject", equalTo(removed.toString()))
                .body("messages[1].containsKey('system')", equalTo(false));
        as(removed).get("/v1/chats/" + group + "/messages").then().statusCode(404).contentType("application/problem+json");
        as(UUID.randomUUID()).get("/v1/chats/" + UUID.randomUUID() + "/messages").then().statusCode(404);
    }

    private RequestSpecification as(UUID user) {
        return given().auth().oauth2(servers.tokens().mint(user, "phone", Duration.ofHours(1)));
    }
}
