package dev.chat.message.domain;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import dev.chat.common.errors.Refusal;
import dev.chat.common.protocol.SystemEvent;
import dev.chat.message.config.MessageServiceConfig;
import dev.chat.message.storage.GroupStore;
import dev.chat.message.storage.UserDirectory;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Group membership: create, rename, add, remove, leave, promote and demote, each recorded in the
 * chat as a system message that every member (and a removed member) receives like any message.
 *
 * <p>Rules: only admins change the group; any member may leave; a group never has more than
 * {@code chat.groups.max-members} members (default 1024) and, while it has members, always has an
 * admin: demoting the last admin is refused, and when the last admin leaves or is removed the
 * member who joined earliest becomes admin (recorded as "promoted"). A group whose last member
 * leaves stays, with nobody in it.
 *
 * <p>Errors, each changing nothing: a group that does not exist or that the caller is not in is
 * 404 (the same answer, so group ids cannot be probed); a member who is not an admin is 403; an
 * empty or over-long name, a duplicate in the list, a user id without an account, or too many
 * members at creation is 400; adding someone already in the group, or beyond the size limit, is
 * 409.
 *
 * <p>Concurrency: each change is computed from the group row it read and written only if that row
 * is unchanged ({@link GroupStore#replace}); on a conflict it is computed again from the new row,
 * up to {@value #ATTEMPTS} times.
 */
@ApplicationScoped
public class GroupService {

    public static final int MAX_NAME = 100;
    private static final int ATTEMPTS = 5;

    /** A change to a group: its next row and what to record and tell. */
    private record Change(Group next, List<GroupMessage> notes, Map<UUID, Group.Role> rowsChanged,
            Set<UUID> rowsRemoved, Set<UUID> alsoTold) {
    }

    private final GroupStore groups;
    private final UserDirectory users;
    private final GroupFanOut fanOut;
    private final int maxMembers;

    public GroupService(GroupStore groups, UserDirectory users, GroupFanOut fanOut,
            MessageServiceConfig config) {
        this.groups = groups;
        this.users = users;
        this.fanOut = fanOut;
        this.maxMembers = config.groups().maxMembers();
    }

    public Uni<Group> create(UUID creator, String name, List<UUID> memberIds) {
        String checkedName = checkName(name);
        Set<UUID> others = distinct(memberIds);
        others.remove(creator);
        if (others.size() + 1 > maxMembers) {
            throw Refusal.invalid("a group has at most " + maxMembers + " members, the creator included");
        }
        return requireRegistered(others).chain(() -> {
            Map<UUID, Group.Role> members = new LinkedHashMap<>();
            members.put(creator, Group.Role.ADMIN);
            others.forEach(user -> members.put(user, Group.Role.MEMBER));
            Group group = new Group(UUID.randomUUID(), checkedName, creator, Instant.now(), 1, members);
            GroupMessage created = note(group, creator, SystemEvent.CREATED, null, checkedName);
            return groups.create(group).chain(ok -> groups.applyMembers(group.groupId(), members, Set.of(), group.createdAt()))
                    .chain(() -> fanOut.deliver(created, members.keySet()))
                    .replaceWith(group);
        });
    }

    public Uni<Group> rename(UUID groupId, UUID actor, String name) {
        String checkedName = checkName(name);
        return change(groupId, actor, group -> {
            requireAdmin(group, actor);
            Group next = group.renamed(checkedName);
            return new Change(next, List.of(note(next, actor, SystemEvent.RENAMED, null, checkedName)), Map.of(), Set.of(),
                    Set.of());
        });
    }

    public Uni<Group> add(UUID groupId, UUID actor, List<UUID> userIds) {
        Set<UUID> newcomers = distinct(userIds);
        if (newcomers.isEmpty()) {
            throw Refusal.invalid("userIds must name at least one user");
        }
        return requireRegistered(newcomers).chain(() -> change(groupId, actor, group -> {
            requireAdmin(group, actor);
            List<UUID> already = newcomers.stream().filter(group::isMember).toList();
            if (!already.isEmpty()) {
                throw Refusal.conflict(null, "already members: " + already);
            }
            if (group.members().size() + newcomers.size() > maxMembers) {
                throw Refusal.conflict(null, "the group would have " + (group.members().size() + newcomers.size())
                        + " members; at most " + maxMembers + " are allowed");
            }
            Map<UUID, Group.Role> members = group.membersCopy();
            Map<UUID, Group.Role> added = new LinkedHashMap<>();
            newcomers.forEach(user -> added.put(user, Group.Role.MEMBER));
            members.putAll(added);
            Group next = group.withMembers(members);
            List<GroupMessage> notes = newcomers.stream()
                    .map(user -> note(next, actor, SystemEvent.ADDED, user, "")).toList();
            return new Change(next, notes, added, Set.of(), Set.of());
        }));
    }

    /** Removes {@code member}; when {@code actor} is the member, this is leaving. */
    public Uni<Group> remove(UUID groupId, UUID actor, UUID member) {
        return groups.joinedTimes(groupId).chain(joined -> change(groupId, actor, group -> {
            boolean leaving = actor.equals(member);
            if (!leaving) {
                requireAdmin(group, actor);
            }
            if (!group.isMember(member)) {
                throw Refusal.notFound(null, "user " + member + " is not a member of group " + groupId);
            }
            Map<UUID, Group.Role> members = group.membersCopy();
            members.remove(member);
            Group next = group.withMembers(members);
            List<GroupMessage> notes = new ArrayList<>();
            notes.add(note(next, actor, leaving ? SystemEvent.LEFT : SystemEvent.REMOVED, member, ""));
            Map<UUID, Group.Role> changed = new LinkedHashMap<>();
            if (!members.isEmpty() && !members.containsValue(Group.Role.ADMIN)) {
                UUID successor = members.keySet().stream()
                        .min(Comparator.comparing((UUID user) -> joined.getOrDefault(user, Instant.MAX))
                                .thenComparing(Comparator.naturalOrder()))
                        .orElseThrow();
                members.put(successor, Group.Role.ADMIN);
                next = group.withMembers(members);
                changed.put(successor, Group.Role.ADMIN);
                notes.add(note(next, actor, SystemEvent.PROMOTED, successor, ""));
            }
            return new Change(next, notes, changed, Set.of(member), Set.of(member));
        }));
    }

    public Uni<Group> setRole(UUID groupId, UUID actor, UUID member, Group.Role role) {
        return change(groupId, actor, group -> {
            requireAdmin(group, actor);
            if (!group.isMember(member)) {
                throw Refusal.notFound(null, "user " + member + " is not a member of group " + groupId);
            }
            if (group.members().get(member) == role) {
                return new Change(group, List.of(), Map.of(), Set.of(), Set.of());
            }
            if (role == Group.Role.MEMBER && group.admins().size() == 1) {
                throw Refusal.conflict(null, "a group keeps at least one admin: promote another member first");
            }
            Map<UUID, Group.Role> members = group.membersCopy();
            members.put(member, role);
            Group next = group.withMembers(members);
            SystemEvent event = role == Group.Role.ADMIN ? SystemEvent.PROMOTED : SystemEvent.DEMOTED;
            return new Change(next, List.of(note(next, actor, event, member, "")), Map.of(member, role), Set.of(), Set.of());
        });
    }

    /** The group, if {@code reader} is a member; 404 otherwise. */
    public Uni<Group> read(UUID groupId, UUID reader) {
        return groups.find(groupId).map(found -> {
            if (found.isEmpty() || !found.get().isMember(reader)) {
                throw notFound(groupId);
            }
            return found.get();
        });
    }

    private Uni<Group> change(UUID groupId, UUID actor, Function<Group, Change> compute) {
        return attempt(groupId, actor, compute, 1);
    }

    private Uni<Group> attempt(UUID groupId, UUID actor, Function<Group, Change> compute, int attempt) {
        return read(groupId, actor).chain(group -> {
            Change change = compute.apply(group);
            if (change.next() == group) {
                return Uni.createFrom().item(group);
            }
            return groups.replace(change.next()).chain(written -> {
                if (!written) {
                    if (attempt >= ATTEMPTS) {
                        throw Refusal.conflict(null, "the group is being changed by others; try again");
                    }
                    return attempt(groupId, actor, compute, attempt + 1);
                }
                return apply(change);
            });
        });
    }

    private Uni<Group> apply(Change change) {
        Set<UUID> told = new LinkedHashSet<>(change.next().members().keySet());
        told.addAll(change.alsoTold());
        Uni<Void> rows = groups.applyMembers(change.next().groupId(), change.rowsChanged(), change.rowsRemoved(), Instant.now());
        for (GroupMessage note : change.notes()) {
            rows = rows.chain(() -> fanOut.deliver(note, told));
        }
        return rows.replaceWith(change.next());
    }

    private static GroupMessage note(Group group, UUID actor, SystemEvent event, UUID subject, String body) {
        return new GroupMessage(group.groupId(), Uuids.timeBased(), actor, null, null, body, event, subject);
    }

    private Uni<Void> requireRegistered(Set<UUID> userIds) {
        return Multi.createFrom().iterable(userIds)
                .onItem().transformToUni(user -> users.isRegistered(user).map(yes -> yes ? null : user)).merge(32)
                .filter(user -> user != null).collect().asList()
                .invoke(unknown -> {
                    if (!unknown.isEmpty()) {
                        throw Refusal.invalid("no registered users with the ids " + unknown);
                    }
                }).replaceWithVoid();
    }

    private static void requireAdmin(Group group, UUID actor) {
        if (!group.isAdmin(actor)) {
            throw Refusal.forbidden(null, "only an admin of the group may do this");
        }
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            throw Refusal.invalid("name must be 1 to " + MAX_NAME + " characters and not blank");
        }
        return name;
    }

    private static Set<UUID> distinct(List<UUID> ids) {
        if (ids == null) {
            return new LinkedHashSet<>();
        }
        Set<UUID> seen = new HashSet<>();
        Set<UUID> ordered = new LinkedHashSet<>();
        for (UUID id : ids) {
            if (id == null) {
                throw Refusal.invalid("a member id is null");
            }
            if (!seen.add(id)) {
                throw Refusal.invalid("user " + id + " is named twice");
            }
            ordered.add(id);
        }
        return ordered;
    }

    private static Refusal notFound(UUID groupId) {
        return Refusal.notFound(null, "no group " + groupId + " among yours");
    }
}
