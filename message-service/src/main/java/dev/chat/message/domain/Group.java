package dev.chat.message.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A group as its row stores it: the authority on who is a member and who is an admin.
 *
 * @param version incremented by every change; a change is written only if the version is still
 *        the one it was computed from
 * @param members every member and its role
 */
public record Group(UUID groupId, String name, UUID createdBy, Instant createdAt, long version,
        Map<UUID, Role> members) {

    public enum Role { ADMIN, MEMBER }

    public Group {
        members = Map.copyOf(members);
    }

    public boolean isMember(UUID user) {
        return members.containsKey(user);
    }

    public boolean isAdmin(UUID user) {
        return members.get(user) == Role.ADMIN;
    }

    public List<UUID> admins() {
        return members.entrySet().stream().filter(e -> e.getValue() == Role.ADMIN).map(Map.Entry::getKey).toList();
    }

    /** The next version of this group with {@code members} as its membership. */
    public Group withMembers(Map<UUID, Role> newMembers) {
        return new Group(groupId, name, createdBy, createdAt, version + 1, newMembers);
    }

    public Group renamed(String newName) {
        return new Group(groupId, newName, createdBy, createdAt, version + 1, members);
    }

    /** A mutable copy of the membership, to compute a change from. */
    public Map<UUID, Role> membersCopy() {
        return new LinkedHashMap<>(members);
    }
}
