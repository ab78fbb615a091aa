package dev.chat.message.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.ids.TimeUuids;
import dev.chat.message.support.TestUsers;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The public group API; the test profile allows at most 8 members per group. */
@QuarkusTest
class GroupResourceTest {

    @Inject
    QuarkusCqlSession cassandra;

    @InjectTestServers
    TestServers servers;

    @Test
    void theCreatorIsAdminEveryMemberSeesTheGroupAndTheCreationIsInTheChat() {
        UUID ann = TestUsers.registered();
        UUID ben = TestUsers.registered();
        UUID cid = TestUsers.registered();
        UUID group = create(ann, "Climbing", List.of(ben, cid));

        as(ben).get("/v1/groups/" + group).then().statusCode(200)
                .body("name", equalTo("Climbing")).body("memberCount", equalTo(3))
                .body("members.find { it.userId == '" + ann + "' }.role", equalTo("admin"))
                .body("members.find { it.userId == '" + ben + "' }.role", equalTo("member"));
        as(cid).get("/v1/groups").then().statusCode(200)
                .body("groups.groupId", hasItem(group.toString()))
                .body("groups.find { it.groupId == '" + group + "' }.role", equalTo("member"));

        List<Row> chat = messagesOf(group);
        assertEquals(1, chat.size());
        assertEquals("created", chat.get(0).getString("kind"));
        assertEquals("Climbing", chat.get(0).getString("body"));
        Row bensInbox = cassandra.execute("SELECT * FROM user_inbox WHERE user_id = ? AND chat_id = ?", ben, group).one();
        assertTrue(bensInbox.getBoolean("is_group"));
        assertEquals(1, bensInbox.getSet("unread_message_ids", UUID.class).size());
        assertEquals(0, cassandra.execute("SELECT * FROM user_inbox WHERE user_id = ? AND chat_id = ?", ann, group)
                .one().getSet("unread_message_ids", UUID.class).size(), "the creator's own system message is not unread");
        assertEquals(1, cassandra.execute("SELECT * FROM pending_messages WHERE user_id = ? AND device_id = ''", cid)
                .all().size(), "a member without devices gets it as unclaimed");
    }

    @Test
    void onlyAdminsChangeMembershipAndEachChangeIsRecorded() {
        UUID ann = TestUsers.registered();
        UUID ben = TestUsers.registered();
        UUID cid = TestUsers.registered();
        UUID dan = TestUsers.registered();
        UUID group = create(ann, "Band", List.of(ben));

        as(ben).contentType(ContentType.JSON).body(Map.of("userIds", List.of(cid)))
                .post("/v1/groups/" + group + "/members").then().statusCode(403).contentType("application/problem+json");
        as(ann).contentType(ContentType.JSON).body(Map.of("userIds", List.of(cid, dan)))
                .post("/v1/groups/" + group + "/members").then().statusCode(200).body("memberCount", equalTo(4));
        as(ann).contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .put("/v1/groups/" + group + "/members/" + ben + "/role").then().statusCode(200)
                .body("members.find { it.userId == '" + ben + "' }.role", equalTo("admin"));
        as(ben).delete("/v1/groups/" + group + "/members/" + dan).then().statusCode(204);
        as(dan).get("/v1/groups/" + group).then().statusCode(404);
        as(ann).contentType(ContentType.JSON).body(Map.of("name", "The Band")).patch("/v1/groups/" + group)
                .then().statusCode(200).body("name", equalTo("The Band"));

        List<String> kinds = new ArrayList<>();
        messagesOf(group).forEach(row -> kinds.add(row.getString("kind")));
        assertEquals(List.of("created", "added", "added", "promoted", "removed", "renamed"), kinds);
        Row cidAdded = messagesOf(group).stream()
                .filter(row -> "added".equals(row.getString("kind")) && cid.equals(row.getUuid("subject_id"))).findFirst().orElseThrow();
        assertEquals(TimeUuids.justBefore(cidAdded.getUuid("message_id")), seenUpTo(cid, group),
                "a member joins having read up to just before the message that adds them");
        assertEquals(TimeUuids.justBefore(messagesOf(group).get(0).getUuid("message_id")), seenUpTo(ben, group),
                "later changes of the group do not move a member's read position");
        assertEquals(1, cassandra.execute("SELECT * FROM pending_messages WHERE user_id = ? AND device_id = ''", dan)
                .all().stream().filter(r -> "removed".equals(r.getString("kind"))).count(), "the removed member is told");
    }

    @Test
    void whenTheLastAdminLeavesTheEarliestMemberBecomesAdmin() {
        UUID ann = TestUsers.registered();
        UUID ben = TestUsers.registered();
        UUID group = create(ann, "Book club", List.of(ben));
        as(ann).contentType(ContentType.JSON).body(Map.of("role", "member"))
                .put("/v1/groups/" + group + "/members/" + ann + "/role").then().statusCode(409)
                .contentType("application/problem+json");

        as(ann).delete("/v1/groups/" + group + "/members/" + ann).then().statusCode(204);
        as(ben).get("/v1/groups/" + group).then().statusCode(200)
                .body("members.userId", contains(ben.toString()))
                .body("members[0].role", equalTo("admin"));
        as(ann).get("/v1/groups").then().body("groups.groupId", not(hasItem(group.toString())));
        List<String> kinds = new ArrayList<>();
        messagesOf(group).forEach(row -> kinds.add(row.getString("kind")));
        assertEquals(List.of("created", "left", "promoted"), kinds);
    }

    @Test
    void badRequestsAreRefusedWithClearProblemsAndChangeNothing() {
        UUID ann = TestUsers.registered();
        UUID ben = TestUsers.registered();
        UUID stranger = TestUsers.registered();
        badCreate(ann, Map.of("name", " ", "memberIds", List.of(ben)), "name must be 1 to 100 characters and not blank");
        badCreate(ann, Map.of("name", "x".repeat(101), "memberIds", List.of(ben)), "name must be 1 to 100 characters and not blank");
        badCreate(ann, Map.of("name", "Twice", "memberIds", List.of(ben, ben)), "user " + ben + " is named twice");
        UUID nobody = UUID.randomUUID();
        badCreate(ann, Map.of("name", "Ghosts", "memberIds", List.of(nobody)), "no registered users with the ids [" + nobody + "]");
        List<UUID> nine = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            nine.add(UUID.randomUUID());
        }
        badCreate(ann, Map.of("name", "Crowd", "memberIds", nine), "a group has at most 8 members, the creator included");
        as(ann).get("/v1/groups").then().statusCode(200).body("groups.size()", equalTo(0));

        UUID group = create(ann, "Small", List.of(ben));
        as(ann).contentType(ContentType.JSON).body(Map.of("userIds", List.of(ben)))
                .post("/v1/groups/" + group + "/members").then().statusCode(409)
                .body("detail", equalTo("already members: [" + ben + "]"));
        List<UUID> six = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            six.add(TestUsers.registered());
        }
        as(ann).contentType(ContentType.JSON).body(Map.of("userIds", six))
                .post("/v1/groups/" + group + "/members").then().statusCode(409)
                .body("detail", equalTo("the group would have 9 members; at most 8 are allowed"));
        as(stranger).get("/v1/groups/" + group).then().statusCode(404).contentType("application/problem+json");
        as(stranger).contentType(ContentType.JSON).body(Map.of("userIds", List.of(stranger)))
                .post("/v1/groups/" + group + "/members").then().statusCode(404);
        as(ann).get("/v1/groups/" + UUID.randomUUID()).then().statusCode(404);
        as(ann).get("/v1/groups/not-a-group").then().statusCode(400);
        as(ann).contentType(ContentType.JSON).body(Map.of("role", "owner"))
                .put("/v1/groups/" + group + "/members/" + ben + "/role").then().statusCode(400)
                .body("detail", equalTo("role must be 'admin' or 'member', not 'owner'"));
        as(ann).delete("/v1/groups/" + group + "/members/" + stranger).then().statusCode(404);
        given().get("/v1/groups").then().statusCode(401).contentType("application/problem+json");
        as(ann).get("/v1/groups/" + group).then().body("members.userId", containsInAnyOrder(ann.toString(), ben.toString()));
        assertEquals(1, messagesOf(group).size(), "nothing but the creation was recorded");
    }

    @Test
    void aMemberOfMoreGroupsThanOneResultPageHoldsSeesThemAllWithEveryMembersPosition() {
        // The test profile reads two rows per page (quarkus.cassandra.request.page-size).
        UUID ann = TestUsers.registered();
        List<UUID> others = List.of(TestUsers.registered(), TestUsers.registered(), TestUsers.registered(),
                TestUsers.registered());
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            groups.add(create(ann, "group " + i, others).toString());
        }

        as(ann).get("/v1/groups").then().statusCode(200).body("groups.groupId", containsInAnyOrder(groups.toArray()));
        as(others.get(3)).get("/v1/groups/" + groups.get(0)).then().statusCode(200).body("memberCount", equalTo(5))
                .body("members.userId", containsInAnyOrder(ann.toString(), others.get(0).toString(),
                        others.get(1).toString(), others.get(2).toString(), others.get(3).toString()));
    }

    private UUID create(UUID creator, String name, List<UUID> members) {
        return UUID.fromString(as(creator).contentType(ContentType.JSON).body(Map.of("name", name, "memberIds", members))
                .post("/v1/groups").then().statusCode(201).extract().path("groupId"));
    }

    private void badCreate(UUID creator, Map<String, Object> body, String detail) {
        as(creator).contentType(ContentType.JSON).body(body).post("/v1/groups").then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo(detail));
    }

    /** The group's messages, oldest first (all in today's bucket here). */
    private List<Row> messagesOf(UUID group) {
        List<Row> rows = new ArrayList<>();
        for (Row bucket : cassandra.execute("SELECT bucket FROM chat_buckets WHERE chat_id = ?", group)) {
            rows.addAll(cassandra.execute("SELECT * FROM messages WHERE chat_id = ? AND bucket = ?", group,
                    bucket.getInt("bucket")).all());
        }
        rows.sort((a, b) -> TimeUuids.compare(a.getUuid("message_id"), b.getUuid("message_id")));
        return rows;
    }

    private RequestSpecification as(UUID user) {
        return given().auth().oauth2(servers.tokens().mint(user, "phone", Duration.ofHours(1)));
    }

    private UUID seenUpTo(UUID user, UUID group) {
        return cassandra.execute("SELECT seen_up_to FROM user_inbox WHERE user_id = ? AND chat_id = ?", user, group)
                .one().getUuid("seen_up_to");
    }
}
