package dev.chat.inbox.endpoints;

import dev.chat.inbox.domain.OwnHistory;
import dev.chat.inbox.domain.Stars;
import dev.chat.inbox.storage.ChatAccess;
import dev.chat.inbox.storage.HiddenMessages;
import dev.chat.inbox.storage.HistoryMessage;
import dev.chat.inbox.storage.HistoryStore;
import dev.chat.inbox.storage.StarredMessages;
import dev.chat.support.requests.RequestValues;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A chat's history, {@code GET /v1/chats/{chatId}/messages?before=&after=&limit=}: always newest
 * first, paged by message id.
 *
 * <ul>
 * <li>Who: the signed-in user reads a one-to-one chat they take part in, or a group they are a
 * member of now ({@link ChatAccess}). Any other chat, existing or not, answers 404 alike, so chat
 * ids cannot be probed.</li>
 * <li>No cursor: the newest {@code limit} messages (default 50, at most 100).</li>
 * <li>{@code before=X}: the {@code limit} messages just older than message X.</li>
 * <li>{@code after=X}: the {@code limit} messages just newer than X, the ones closest to X, still
 * returned newest first. At most one of the two cursors; each must be a message id (a version-1
 * UUID), not necessarily of a stored message.</li>
 * <li>{@code nextBefore} is the page's oldest id when older messages exist, else null;
 * {@code nextAfter} is the page's newest id when newer messages exist, else null. Where the page
 * was read towards them this is exact (one message beyond the page is read to know). Towards the
 * cursor it is assumed, since the cursor came from a message: a {@code before} page always sets
 * {@code nextAfter} and an {@code after} page always sets {@code nextBefore}, unless the page is
 * empty; a page without cursor has no {@code nextAfter}. Following such a link from a cursor
 * that named no stored message may give an empty page.</li>
 * </ul>
 *
 * <p>Delete for me ({@code DELETE /v1/chats/{chatId}/messages/{messageId}}): the message leaves the
 * user's own history on all their devices' next reads, and nobody else's. A page leaves out the
 * messages its reader removed, so it may hold fewer than {@code limit} (even none) while
 * {@code nextBefore} or {@code nextAfter} still lead on; the links are the ids of the messages
 * read, removed or not.
 *
 * <p>Clear chat ({@code DELETE /v1/chats/{chatId}/messages}): every message until then leaves the
 * user's own history; pages then end at the clear, and the chat's later messages show as usual.
 *
 * <p>Star ({@code PUT /v1/chats/{chatId}/messages/{messageId}/star}) and unstar ({@code DELETE} the
 * same): the reader's starred messages carry {@code "starred": true} in pages, and are listed
 * across chats by {@link StarredResource} ({@link Stars}).
 *
 * <p>Pages are bounded by message ids, not offsets: a message stored between two requests never
 * makes the next page skip or repeat one. Limits: a page is not a snapshot (a message stored while
 * it is read may be in it or not), and a message whose id is older than a cursor the client holds
 * (stored late, or stamped by a clock behind) is not returned by {@code after} that cursor, only
 * by a read of the range it falls in.
 */
@Path("/v1/chats")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ChatHistoryResource {

    private final ChatAccess access;
    private final HistoryStore history;
    private final HiddenMessages hidden;
    private final OwnHistory ownHistory;
    private final StarredMessages starred;
    private final Stars stars;
    private final SignedIn signedIn;

    public ChatHistoryResource(ChatAccess access, HistoryStore history, HiddenMessages hidden, OwnHistory ownHistory,
            StarredMessages starred, Stars stars, SignedIn signedIn) {
        this.access = access;
        this.history = history;
        this.hidden = hidden;
        this.ownHistory = ownHistory;
        this.starred = starred;
        this.stars = stars;
        this.signedIn = signedIn;
    }

    @GET
    @Path("/{chatId}/messages")
    public Uni<HistoryPage> messages(@PathParam("chatId") String chatIdText,
            @QueryParam("before") String beforeText, @QueryParam("after") String afterText,
            @QueryParam("limit") @DefaultValue("50") String limitText) {
        UUID chatId = RequestValues.uuid(chatIdText, "a chat id");
        int limit = RequestValues.limit(limitText, InboxResource.MAX_LIMIT);
        UUID before = RequestValues.messageCursor(beforeText);
        UUID after = RequestValues.messageCursor(afterText);
        if (before != null && after != null) {
            throw new BadRequestException("give before or after, not both");
        }
        UUID me = signedIn.user();
        return access.viewOf(me, chatId).chain(view -> {
            if (view.isEmpty()) {
                return Uni.createFrom().failure(new NotFoundException("no chat " + chatId + " among yours"));
            }
            UUID floor = view.get().clearedThrough();
            // One message more than the page shows tells whether the walk could go on.
            Uni<HistoryPage> page = after != null
                    ? history.newerThan(chatId, after, floor, limit + 1).map(found -> newerPage(chatId, found, limit))
                    : history.olderThan(chatId, before, floor, limit + 1)
                            .map(found -> olderPage(chatId, found, limit, before != null));
            return page.chain(read -> asSeenBy(me, read));
        });
    }

    /** Clear chat ({@link OwnHistory#clear}): 204, also when there was nothing to clear; 404 for a chat not among one's own. */
    @DELETE
    @Path("/{chatId}/messages")
    public Uni<Response> clear(@PathParam("chatId") String chatIdText) {
        UUID chatId = RequestValues.uuid(chatIdText, "a chat id");
        return ownHistory.clear(signedIn.user(), signedIn.device(), chatId).replaceWith(Response.noContent().build());
    }

    /** Delete for me: 204, also when it was removed before; 404 for a chat or message not among one's own. */
    @DELETE
    @Path("/{chatId}/messages/{messageId}")
    public Uni<Response> deleteForMe(@PathParam("chatId") String chatIdText, @PathParam("messageId") String messageIdText) {
        UUID chatId = RequestValues.uuid(chatIdText, "a chat id");
        UUID messageId = RequestValues.messageId(messageIdText);
        return ownHistory.hide(signedIn.user(), signedIn.device(), chatId, messageId)
                .replaceWith(Response.noContent().build());
    }

    /** Star: 204, also when it was starred before; 404 for a message the user does not see, 409 for a deleted or system one. */
    @PUT
    @Path("/{chatId}/messages/{messageId}/star")
    public Uni<Response> star(@PathParam("chatId") String chatIdText, @PathParam("messageId") String messageIdText) {
        UUID chatId = RequestValues.uuid(chatIdText, "a chat id");
        UUID messageId = RequestValues.messageId(messageIdText);
        return stars.star(signedIn.user(), signedIn.device(), chatId, messageId)
                .replaceWith(Response.noContent().build());
    }

    /** Unstar: 204, whether or not it was starred. */
    @DELETE
    @Path("/{chatId}/messages/{messageId}/star")
    public Uni<Response> unstar(@PathParam("chatId") String chatIdText, @PathParam("messageId") String messageIdText) {
        UUID chatId = RequestValues.uuid(chatIdText, "a chat id");
        UUID messageId = RequestValues.messageId(messageIdText);
        return stars.unstar(signedIn.user(), signedIn.device(), chatId, messageId).replaceWith(Response.noContent().build());
    }

    /** The page as its reader sees it: without what they deleted for themselves, their stars marked (two reads side by side). */
    private Uni<HistoryPage> asSeenBy(UUID reader, HistoryPage page) {
        List<UUID> ids = page.messages().stream().map(HistoryMessage::messageId).toList();
        return Uni.combine().all().unis(hidden.hiddenAmong(reader, page.chatId(), ids), starred.starredAmong(reader, page.chatId(), ids))
                .asTuple().map(found -> {
                    if (found.getItem1().isEmpty() && found.getItem2().isEmpty()) {
                        return page;
                    }
                    List<HistoryMessage> shown = page.messages().stream().filter(m -> !found.getItem1().contains(m.messageId()))
                            .map(m -> found.getItem2().contains(m.messageId()) ? m.asStarred() : m).toList();
                    return new HistoryPage(page.chatId(), shown, page.nextBefore(), page.nextAfter());
                });
    }

    /** {@code found} is newest first, starting at the newest message before the cursor (or of the chat). */
    private static HistoryPage olderPage(UUID chatId, List<HistoryMessage> found, int limit, boolean hadCursor) {
        List<HistoryMessage> page = List.copyOf(found.subList(0, Math.min(limit, found.size())));
        UUID nextBefore = found.size() > limit ? page.get(page.size() - 1).messageId() : null;
        UUID nextAfter = hadCursor && !page.isEmpty() ? page.get(0).messageId() : null;
        return new HistoryPage(chatId, page, nextBefore, nextAfter);
    }

    /** {@code found} is oldest first, starting at the message just after the cursor. */
    private static HistoryPage newerPage(UUID chatId, List<HistoryMessage> found, int limit) {
        List<HistoryMessage> page = new ArrayList<>(found.subList(0, Math.min(limit, found.size())));
        Collections.reverse(page);
        UUID nextAfter = found.size() > limit ? page.get(0).messageId() : null;
        UUID nextBefore = page.isEmpty() ? null : page.get(page.size() - 1).messageId();
        return new HistoryPage(chatId, List.copyOf(page), nextBefore, nextAfter);
    }
}
