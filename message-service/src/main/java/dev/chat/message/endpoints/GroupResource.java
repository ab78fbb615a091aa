package dev.chat.message.endpoints;

import dev.chat.message.domain.Group;
import dev.chat.message.domain.GroupReceipts;
import dev.chat.message.domain.GroupService;
import dev.chat.message.storage.GroupStore;
import dev.chat.support.requests.RequestValues;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Group chats' membership, the public API of message-service (through the ingress under
 * {@code /v1/groups}; everything under {@code /internal} stays internal). Every call needs a
 * token; the caller is the token's subject. Rules and errors: {@link GroupService}.
 */
@Path("/v1/groups")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class GroupResource {

    private final GroupService groups;
    private final GroupStore store;
    private final GroupReceipts receipts;
    private final JsonWebToken token;

    public GroupResource(GroupService groups, GroupStore store, GroupReceipts receipts, JsonWebToken token) {
        this.groups = groups;
        this.store = store;
        this.receipts = receipts;
        this.token = token;
    }

    public record NewGroup(@NotNull String name, @Size(max = 1023) List<UUID> memberIds) {
    }

    public record Rename(@NotNull String name) {
    }

    public record NewMembers(@NotNull @Size(min = 1, max = 1024) List<UUID> userIds) {
    }

    public record RoleChange(@NotNull String role) {
    }

    public record Member(UUID userId, String role) {
    }

    /** A group as its members see it; members sorted by user id. */
    public record GroupView(UUID groupId, String name, UUID createdBy, Instant createdAt, int memberCount,
            List<Member> members) {
        static GroupView of(Group g) {
            List<Member> members = g.members().entrySet().stream()
                    .map(e -> new Member(e.getKey(), e.getValue().name().toLowerCase(Locale.ROOT)))
                    .sorted(Comparator.comparing(Member::userId)).toList();
            return new GroupView(g.groupId(), g.name(), g.createdBy(), g.createdAt(), members.size(), members);
        }
    }

    /** One of the caller's groups. */
    public record MyGroup(UUID groupId, String name, String role, int memberCount) {
    }

    public record MyGroups(List<MyGroup> groups) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> create(@Valid @NotNull NewGroup request) {
        return groups.create(me(), request.name(), request.memberIds() == null ? List.of() : request.memberIds())
                .map(g -> Response.created(URI.create("/v1/groups/" + g.groupId())).entity(GroupView.of(g)).build());
    }

    /** The caller's groups, by name. */
    @GET
    public Uni<MyGroups> mine() {
        UUID me = me();
        return store.groupsOf(me).chain(memberships -> Multi.createFrom().iterable(memberships)
                .onItem().transformToUni(m -> store.find(m.groupId())).merge(16)
                .filter(Optional::isPresent).map(Optional::get)
                .filter(g -> g.isMember(me)) // the group row rules: a stale per-user row is not shown
                .map(g -> new MyGroup(g.groupId(), g.name(), g.members().get(me).name().toLowerCase(Locale.ROOT),
                        g.members().size()))
                .collect().asList()
                .map(list -> new MyGroups(list.stream().sorted(Comparator.comparing(MyGroup::name)
                        .thenComparing(MyGroup::groupId)).toList())));
    }

    @GET
    @Path("/{groupId}")
    public Uni<GroupView> one(@PathParam("groupId") String groupId) {
        return groups.read(RequestValues.uuid(groupId, "a group id"), me()).map(GroupView::of);
    }

    @PATCH
    @Path("/{groupId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<GroupView> rename(@PathParam("groupId") String groupId, @Valid @NotNull Rename rename) {
        return groups.rename(RequestValues.uuid(groupId, "a group id"), me(), rename.name()).map(GroupView::of);
    }

    @POST
    @Path("/{groupId}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<GroupView> add(@PathParam("groupId") String groupId, @Valid @NotNull NewMembers request) {
        return groups.add(RequestValues.uuid(groupId, "a group id"), me(), request.userIds()).map(GroupView::of);
    }

    /** Removes a member; removing oneself is leaving. */
    @DELETE
    @Path("/{groupId}/members/{userId}")
    public Uni<Void> remove(@PathParam("groupId") String groupId, @PathParam("userId") String userId) {
        return groups.remove(RequestValues.uuid(groupId, "a group id"), me(), RequestValues.uuid(userId, "a user id"))
                .replaceWithVoid();
    }

    /** {@code {"role": "admin"}} promotes, {@code {"role": "member"}} demotes. */
    @PUT
    @Path("/{groupId}/members/{userId}/role")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<GroupView> setRole(@PathParam("groupId") String groupId, @PathParam("userId") String userId,
            @Valid @NotNull RoleChange change) {
        Group.Role role;
        try {
            role = Group.Role.valueOf(change.role().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("role must be 'admin' or 'member', not '" + change.role() + "'");
        }
        return groups.setRole(RequestValues.uuid(groupId, "a group id"), me(), RequestValues.uuid(userId, "a user id"),
                role).map(GroupView::of);
    }

    /** Who of the other members has received and who has seen a message (for members). */
    @GET
    @Path("/{groupId}/messages/{messageId}/receipts")
    public Uni<GroupReceipts.MessageReceipts> receipts(@PathParam("groupId") String groupId,
            @PathParam("messageId") String messageId) {
        return receipts.of(RequestValues.uuid(groupId, "a group id"), me(), RequestValues.messageId(messageId));
    }

    private UUID me() {
        return RequestValues.signedInUser(token.getSubject());
    }
}
