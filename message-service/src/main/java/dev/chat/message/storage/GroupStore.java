package dev.chat.message.storage;

import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.message.domain.Group;
import dev.chat.support.cassandra.Cql;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Groups: the group row (name and membership, changed only by conditional writes on its version),
 * the per-member rows ({@code group_members}: joined time, receipt positions) and "my groups"
 * ({@code groups_by_user}).
 *
 * <p>Guarantee: a change computed from version v is written only if the row is still at v, so
 * concurrent changes are serialised and each is validated against the membership it changes.
 * The per-member rows follow the row ({@link #applyMembers}); should that second write be lost
 * (the process dies between the two), the group row still rules sending, fan-out and reading.
 */
@Startup // prepares its statements at start-up, never on an event-loop thread
@ApplicationScoped
public class GroupStore {

    /** How far a member has received and read the group; null where nothing yet. */
    public record Positions(UUID deliveredUpTo, UUID seenUpTo) {
    }

    /** A user's membership as "my groups" lists it. */
    public record Membership(UUID groupId, Group.Role role) {
    }

    private static final int ROW_WRITES_IN_FLIGHT = 64;

    private final QuarkusCqlSession session;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement upsertMember;
    private final PreparedStatement deleteMember;
    private final PreparedStatement upsertByUser;
    private final PreparedStatement deleteByUser;
    private final PreparedStatement selectByUser;
    private final PreparedStatement selectJoined;
    private final PreparedStatement selectPositions;

    public GroupStore(QuarkusCqlSession session) {
        this.session = session;
        this.select = session.prepare(
                "SELECT group_id, name, created_by, created_at, version, members FROM groups WHERE group_id = ?");
        this.insert = session.prepare("INSERT INTO groups (group_id, name, created_by, created_at, updated_at, version,"
                + " members) VALUES (?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
        this.update = session.prepare("UPDATE groups SET name = ?, members = ?, version = ?, updated_at = ?"
                + " WHERE group_id = ? IF version = ?");
        this.upsertMember = session.prepare(
                "UPDATE group_members SET role = ?, joined_at = ? WHERE group_id = ? AND user_id = ?");
        this.deleteMember = session.prepare("DELETE FROM group_members WHERE group_id = ? AND user_id = ?");
        this.upsertByUser = session.prepare(
                "UPDATE groups_by_user SET role = ?, joined_at = ? WHERE user_id = ? AND group_id = ?");
        this.deleteByUser = session.prepare("DELETE FROM groups_by_user WHERE user_id = ? AND group_id = ?");
        this.selectByUser = session.prepare("SELECT group_id, role FROM groups_by_user WHERE user_id = ?");
        this.selectJoined = session.prepare("SELECT user_id, joined_at FROM group_members WHERE group_id = ?");
        this.selectPositions = session.prepare(
                "SELECT user_id, delivered_up_to, seen_up_to FROM group_members WHERE group_id = ?");
    }

    public Uni<Optional<Group>> find(UUID groupId) {
        return Cql.run(session, select.bind(groupId)).map(rs -> Optional.ofNullable(rs.one()).map(GroupStore::toGroup));
    }

    /** Writes a new group; false if its id is taken (practically never: ids are random). */
    public Uni<Boolean> create(Group group) {
        Instant now = Instant.now();
        return Cql.run(session, insert.bind(group.groupId(), group.name(), group.createdBy(), group.createdAt(), now,
                group.version(), wire(group.members()))).map(AsyncResultSet::wasApplied);
    }

    /** Writes {@code next} if the row is still at {@code next.version() - 1}; false if another change came first. */
    public Uni<Boolean> replace(Group next) {
        return Cql.run(session, update.bind(next.name(), wire(next.members()), next.version(), Instant.now(),
                next.groupId(), next.version() - 1)).map(AsyncResultSet::wasApplied);
    }

    /**
     * Brings the per-member rows in line with a change: members whose role is new or changed, and
     * members who left. Each row is written on its own, {@value #ROW_WRITES_IN_FLIGHT} at a time: a
     * group of a thousand members would exceed Cassandra's batch size limit, and the rows need no
     * atomicity (the group row rules; a row written twice is the same row).
     */
    public Uni<Void> applyMembers(UUID groupId, Map<UUID, Group.Role> changed, Set<UUID> removed, Instant at) {
        List<BoundStatement> writes = new ArrayList<>();
        changed.forEach((user, role) -> {
            writes.add(upsertMember.bind(wire(role), at, groupId, user));
            writes.add(upsertByUser.bind(wire(role), at, user, groupId));
        });
        for (UUID user : removed) {
            writes.add(deleteMember.bind(groupId, user));
            writes.add(deleteByUser.bind(user, groupId));
        }
        return Cql.runAll(session, writes, ROW_WRITES_IN_FLIGHT);
    }

    public Uni<List<Membership>> groupsOf(UUID user) {
        return Cql.all(session, selectByUser.bind(user),
                row -> new Membership(row.getUuid("group_id"), role(row.getString("role"))));
    }

    /** When each member joined, as far as the per-member rows know. */
    public Uni<Map<UUID, Instant>> joinedTimes(UUID groupId) {
        return Cql.all(session, selectJoined.bind(groupId), row -> row).map(rows -> {
            Map<UUID, Instant> joined = new HashMap<>();
            rows.forEach(row -> joined.put(row.getUuid("user_id"), row.getInstant("joined_at")));
            return joined;
        });
    }

    /** Each member's receipt positions, by user (rows of users who left may be among them). */
    public Uni<Map<UUID, Positions>> positions(UUID groupId) {
        return Cql.all(session, selectPositions.bind(groupId), row -> row).map(rows -> {
            Map<UUID, Positions> positions = new HashMap<>();
            rows.forEach(row -> positions.put(row.getUuid("user_id"),
                    new Positions(row.getUuid("delivered_up_to"), row.getUuid("seen_up_to"))));
            return positions;
        });
    }

    private static Group toGroup(Row row) {
        Map<UUID, Group.Role> members = new HashMap<>();
        row.getMap("members", UUID.class, String.class).forEach((user, role) -> members.put(user, role(role)));
        return new Group(row.getUuid("group_id"), row.getString("name"), row.getUuid("created_by"),
                row.getInstant("created_at"), row.getLong("version"), members);
    }

    private static Map<UUID, String> wire(Map<UUID, Group.Role> members) {
        Map<UUID, String> wire = new HashMap<>();
        members.forEach((user, role) -> wire.put(user, wire(role)));
        return wire;
    }

    private static String wire(Group.Role role) {
        return role.name().toLowerCase(Locale.ROOT);
    }

    private static Group.Role role(String wire) {
        return Group.Role.valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
