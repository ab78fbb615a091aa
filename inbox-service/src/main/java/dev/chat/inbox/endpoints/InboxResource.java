package dev.chat.inbox.endpoints;

import dev.chat.inbox.domain.ChatList;
import dev.chat.inbox.domain.SettingsChange;
import dev.chat.inbox.storage.ChatListSettings;
import dev.chat.inbox.storage.InboxEntry;
import dev.chat.inbox.storage.InboxStore;
import dev.chat.support.requests.RequestValues;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * The signed-in user's conversations, the pinned ones first, then newest first, each with the
 * other party, the last message's preview and time, the unread count, and whether the user
 * archived, pinned, muted or marked it unread; paged with an opaque cursor, optionally only the
 * archived or only the other chats. A chat the user deleted is left out until a newer message
 * arrives. A user reads and changes only their own inbox: there is no user id in the path.
 */
@Path("/v1/inbox")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {

    /** The largest page of this service's lists. */
    static final int MAX_LIMIT = 100;

    private final InboxStore inbox;
    private final ChatList chatList;
    private final SignedIn signedIn;

    public InboxResource(InboxStore inbox, ChatList chatList, SignedIn signedIn) {
        this.inbox = inbox;
        this.chatList = chatList;
        this.signedIn = signedIn;
    }

    /** What {@code PATCH /v1/inbox/{chatId}} may change; a field left out stays as it is. */
    public record ChangeRequest(Boolean archived, Boolean pinned,
            @Pattern(regexp = SettingsChange.Mute.WIRE_VALUES, message = "must be '8h', '1w', 'always' or 'off'") String mute,
            Boolean markedUnread) {
    }

    @GET
    public Uni<InboxPage> inbox(@QueryParam("limit") @DefaultValue("50") String limitText,
            @QueryParam("cursor") String cursor, @QueryParam("archived") String archivedText) {
        int limit = RequestValues.limit(limitText, MAX_LIMIT);
        InboxCursor after = cursor == null || cursor.isBlank() ? null : InboxCursor.decode(cursor);
        Boolean archived = archivedFilter(archivedText);
        UUID user = signedIn.user();
        return inbox.inboxOf(user).map(all -> {
            List<InboxEntry> rest = all.stream()
                    .filter(e -> archived == null || e.settings().archived() == archived)
                    .filter(e -> after == null || after.precedes(e))
                    .toList();
            List<InboxEntry> page = rest.size() > limit ? rest.subList(0, limit) : rest;
            String next = rest.size() > limit ? InboxCursor.after(page.get(page.size() - 1)).encode() : null;
            return new InboxPage(List.copyOf(page), next);
        });
    }

    /**
     * Archives, pins, mutes or marks as unread one of the user's chats (docs/data-model.md,
     * chat-list settings); answers the chat's settings after the change.
     */
    @PATCH
    @Path("/{chatId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ChatListSettings> change(@PathParam("chatId") String chatIdText, @Valid @NotNull ChangeRequest request) {
        UUID chatId = RequestValues.uuid(chatIdText, "a chat id");
        UUID user = signedIn.user();
        return chatList.change(user, signedIn.device(), chatId,
                new SettingsChange(request.archived(), request.pinned(), SettingsChange.Mute.ofWire(request.mute()),
                        request.markedUnread()));
    }

    /**
     * Delete chat ({@link ChatList#delete}): 204; 404 for a chat not among one's own, 409 for a
     * group one is still a member of.
     */
    @DELETE
    @Path("/{chatId}")
    public Uni<Response> delete(@PathParam("chatId") String chatIdText) {
        UUID chatId = RequestValues.uuid(chatIdText, "a chat id");
        return chatList.delete(signedIn.user(), signedIn.device(), chatId).replaceWith(Response.noContent().build());
    }

    private static Boolean archivedFilter(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!text.equals("true") && !text.equals("false")) {
            throw new BadRequestException("archived must be true or false, not '" + text + "'");
        }
        return Boolean.valueOf(text);
    }
}
