package dev.chat.message.storage;

import static dev.chat.message.support.Gateway.gateway;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.TimeUuids;
import dev.chat.message.support.TestUsers;
import dev.chat.support.cassandra.Cql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Messages stored while a user had no device reach the user's devices, however many and however
 * large, in order, once each; a claim cut short anywhere is completed by the next connection.
 */
@QuarkusTest
class UnclaimedMessagesTest {

    @Inject
    QuarkusCqlSession cassandra;

    @Inject
    UnclaimedMessages unclaimed;

    @Test
    void fiveThousandUnclaimedMessagesOfEverySizeAndKindReachTheFirstDeviceInOrderOnceOverSeveralClaims() {
        UUID bob = TestUsers.registered();
        Map<UUID, String> written = writeUnclaimed(bob, 5_000);
        claimsCutShort = 0;

        Map<UUID, String> received = catchUp(bob, "phone");

        assertEquals(List.copyOf(written.keySet()), List.copyOf(received.keySet()), "every message, in order, once");
        assertEquals(written, received, "with its body, the 4 KB ones whole");
        assertTrue(claimsCutShort > 0, "the claim outlasted its budget and went on where it stopped");
        assertEquals(0, count(bob, PendingStore.UNCLAIMED), "nothing left unclaimed");
        assertEquals(0, catchUp(bob, "laptop").size(), "a later device gets none of them: they were claimed");
    }

    @Test
    void aClaimCutShortBetweenCopyAndDeleteIsCompletedByTheNextConnectionWithoutDuplicates() {
        UUID bob = TestUsers.registered();
        Map<UUID, String> written = writeUnclaimed(bob, 1_000);
        // What a claim killed after copying the first 300 rows leaves behind: them in both places.
        List<UUID> ids = List.copyOf(written.keySet());
        cassandra.execute(SimpleStatement.newInstance("INSERT INTO user_devices (user_id, device_id, connected_at)"
                + " VALUES (?, 'phone', toTimestamp(now()))", bob));
        PreparedStatement copy = cassandra.prepare("INSERT INTO pending_messages (user_id, device_id, message_id, chat_id,"
                + " sender_id, body, kind, subject_id) VALUES (?, 'phone', ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        for (Row row : cassandra.execute(SimpleStatement.newInstance("SELECT message_id, chat_id, sender_id, body, kind,"
                + " subject_id, writetime(chat_id) FROM pending_messages WHERE user_id = ? AND device_id = '' LIMIT 300",
                bob).setPageSize(300)).all()) {
            cassandra.execute(copy.bind(bob, row.getUuid(0), row.getUuid(1), row.getUuid(2), row.getString(3),
                    row.getString(4), row.getUuid(5), row.getLong(6)));
        }
        assertEquals(300, count(bob, "phone"));

        Map<UUID, String> received = catchUp(bob, "phone");

        assertEquals(ids, List.copyOf(received.keySet()), "every message once, in order");
        assertEquals(0, count(bob, PendingStore.UNCLAIMED));
    }

    @Test
    void unclaimedMessagesGoToEveryDeviceTheUserHasWhenTheyAreClaimed() {
        UUID bob = TestUsers.registered();
        catchUp(bob, "phone");
        // The phone's row expired or was written by another instance: messages went unclaimed meanwhile.
        Map<UUID, String> written = writeUnclaimed(bob, 50);

        assertEquals(List.copyOf(written.keySet()), List.copyOf(catchUp(bob, "laptop").keySet()));
        assertEquals(List.copyOf(written.keySet()), List.copyOf(catchUp(bob, "phone").keySet()));
    }

    @Test
    void aMessageSettledAfterADeviceAppearedMovesToThatDevice() {
        UUID bob = TestUsers.registered();
        Map<UUID, String> written = writeUnclaimed(bob, 1);
        UUID id = written.keySet().iterator().next();
        cassandra.execute(SimpleStatement.newInstance("INSERT INTO user_devices (user_id, device_id, connected_at)"
                + " VALUES (?, 'tablet', toTimestamp(now()))", bob));

        unclaimed.settle(bob, new PendingRow(id, ChatIds.direct(bob, UUID.randomUUID()), UUID.randomUUID(),
                written.get(id), null, null, null, null, null)).await().atMost(Duration.ofSeconds(10));

        assertEquals(0, count(bob, PendingStore.UNCLAIMED));
        assertEquals(1, count(bob, "tablet"));
    }

    /**
     * Writes {@code count} unclaimed rows for the user, oldest first: one in ten a 4,096-character
     * body of three-byte characters, one in seven a group message, one in thirteen a group's system
     * message. Returns ids and bodies in id order.
     */
    private Map<UUID, String> writeUnclaimed(UUID user, int count) {
        PreparedStatement insert = cassandra.prepare("INSERT INTO pending_messages (user_id, device_id, message_id,"
                + " chat_id, sender_id, body, kind, subject_id) VALUES (?, '', ?, ?, ?, ?, ?, ?) USING TIMESTAMP ?");
        Map<UUID, String> written = new LinkedHashMap<>();
        List<com.datastax.oss.driver.api.core.cql.BoundStatement> writes = new ArrayList<>();
        UUID group = UUID.randomUUID();
        UUID sender = UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(3600);
        for (int i = 0; i < count; i++) {
            UUID id = TimeUuids.startOf(start.plusMillis(i));
            String body = i % 10 == 0 ? "€".repeat(4096) : "message " + i;
            boolean inGroup = i % 7 == 0;
            boolean system = i % 13 == 0;
            writes.add(insert.bind(user, id, inGroup || system ? group : ChatIds.direct(user, sender), sender, body,
                    system ? "member_added" : null, system ? sender : null, micros(id)));
            written.put(id, body);
        }
        Cql.runAll(cassandra, writes, 64).await().atMost(Duration.ofMinutes(2));
        return written;
    }

    /** Claims that answered an empty page with more to come: their budget ran out (counted by {@link #catchUp}). */
    private static int claimsCutShort;

    /** Pages through the device's pending messages as the gateway does; ids and bodies in the order received. */
    private static Map<UUID, String> catchUp(UUID user, String device) {
        Map<UUID, String> received = new LinkedHashMap<>();
        String after = null;
        for (int requests = 0; requests < 10_000; requests++) {
            JsonPath page = gateway().queryParam("limit", 500).queryParams(after == null ? Map.of() : Map.of("after", after))
                    .post("/internal/v1/devices/" + user + "/" + device + "/pending").then().statusCode(200)
                    .extract().jsonPath();
            List<String> ids = page.getList("messages.messageId");
            List<String> bodies = page.getList("messages.body");
            for (int i = 0; i < ids.size(); i++) {
                assertTrue(received.put(UUID.fromString(ids.get(i)), bodies.get(i)) == null, "pushed twice: " + ids.get(i));
            }
            if (!page.getBoolean("more")) {
                return received;
            }
            if (ids.isEmpty()) {
                claimsCutShort++;
            }
            after = ids.isEmpty() ? null : ids.get(ids.size() - 1);
        }
        throw new AssertionError("catch-up did not end");
    }

    private long count(UUID user, String device) {
        return cassandra.execute(SimpleStatement.newInstance(
                "SELECT count(*) FROM pending_messages WHERE user_id = ? AND device_id = ?", user, device)).one().getLong(0);
    }

    private static long micros(UUID id) {
        Instant at = TimeUuids.instantOf(id);
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }
}
