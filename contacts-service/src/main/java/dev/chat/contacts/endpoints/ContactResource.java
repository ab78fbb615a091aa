package dev.chat.contacts.endpoints;

import dev.chat.contacts.domain.ContactBook;
import dev.chat.contacts.domain.ContactView;
import dev.chat.contacts.domain.PhoneNumbers;
import dev.chat.support.requests.RequestValues;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The signed-in user's address book: add, rename, remove, read one, and list in pages, each entry
 * with whether it is registered and whether that user is online. A user reads and changes only
 * their own book (there is no user id in the path); another user's entry answers 404.
 */
@Path("/v1/contacts")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ContactResource {

    static final int MAX_LIMIT = 100;

    private final ContactBook book;
    private final JsonWebToken token;

    public ContactResource(ContactBook book, JsonWebToken token) {
        this.book = book;
        this.token = token;
    }

    public record NewContact(
            @NotNull @Pattern(regexp = PhoneNumbers.E164, message = PhoneNumbers.E164_MESSAGE) String phoneNumber,
            @NotBlank @Size(max = AccountResource.MAX_NAME) String name) {
    }

    public record Rename(@NotBlank @Size(max = AccountResource.MAX_NAME) String name) {
    }

    /** @param nextCursor pass as {@code cursor} for the next page; null on the last page */
    public record ContactPage(List<ContactView> contacts, String nextCursor) {
    }

    @GET
    public Uni<ContactPage> list(@QueryParam("limit") @DefaultValue("50") String limitText,
            @QueryParam("cursor") String cursor, @Context HttpHeaders headers) {
        int limit = RequestValues.limit(limitText, MAX_LIMIT);
        UUID after = cursor == null || cursor.isBlank() ? null : RequestValues.uuid(cursor, "a cursor this service gave out");
        return book.page(me(), after, limit + 1, bearer(headers)).map(page -> {
            List<ContactView> shown = page.size() > limit ? page.subList(0, limit) : page;
            String next = page.size() > limit ? shown.get(shown.size() - 1).contactId().toString() : null;
            return new ContactPage(List.copyOf(shown), next);
        });
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> add(@Valid @NotNull NewContact contact, @Context HttpHeaders headers) {
        return book.add(me(), contact.phoneNumber(), contact.name(), bearer(headers))
                .map(added -> Response.created(URI.create("/v1/contacts/" + added.contactId())).entity(added).build());
    }

    @GET
    @Path("/{contactId}")
    public Uni<ContactView> one(@PathParam("contactId") String contactId, @Context HttpHeaders headers) {
        return book.one(me(), RequestValues.uuid(contactId, "a contact id"), bearer(headers));
    }

    @PATCH
    @Path("/{contactId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ContactView> rename(@PathParam("contactId") String contactId, @Valid @NotNull Rename rename,
            @Context HttpHeaders headers) {
        return book.rename(me(), RequestValues.uuid(contactId, "a contact id"), rename.name(), bearer(headers));
    }

    @DELETE
    @Path("/{contactId}")
    public Uni<Void> remove(@PathParam("contactId") String contactId) {
        return book.remove(me(), RequestValues.uuid(contactId, "a contact id"));
    }

    private UUID me() {
        return RequestValues.signedInUser(token.getSubject());
    }

    /** The caller's own token, passed on to presence-service. */
    private static String bearer(HttpHeaders headers) {
        return headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    }
}
