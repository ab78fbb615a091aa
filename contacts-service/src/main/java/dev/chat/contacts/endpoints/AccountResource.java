package dev.chat.contacts.endpoints;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chat.common.ids.DeviceIds;
import dev.chat.common.privacy.PresenceVisibility;
import dev.chat.contacts.domain.PhoneNumbers;
import dev.chat.contacts.domain.Registration;
import dev.chat.contacts.storage.Account;
import dev.chat.contacts.storage.AccountStore;
import dev.chat.support.requests.RequestValues;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
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
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Accounts: registration with a phone number, one's own profile, other users' public profiles,
 * and contact discovery (which of a batch of numbers are registered).
 *
 * <p>Registration is the only call without a token in local mode; in identity-provider mode it
 * needs one too ({@link dev.chat.contacts.config.RegistrationMode}). Everything else needs a token,
 * and "me" is always the token's subject.
 */
@Path("/v1/accounts")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

    /** The most phone numbers one discovery request may ask about. */
    public static final int MAX_LOOKUP = 500;
    static final int MAX_NAME = 64;

    private final Registration registration;
    private final AccountStore accounts;
    private final CurrentIdentityAssociation identity;
    private final JsonWebToken token;

    public AccountResource(Registration registration, AccountStore accounts, CurrentIdentityAssociation identity,
            JsonWebToken token) {
        this.registration = registration;
        this.accounts = accounts;
        this.identity = identity;
        this.token = token;
    }

    /** @param deviceId the device the local-mode token is for; "primary" if absent */
    public record RegisterRequest(
            @NotNull @Pattern(regexp = PhoneNumbers.E164, message = PhoneNumbers.E164_MESSAGE) String phoneNumber,
            @NotBlank @Size(max = MAX_NAME) String displayName,
            @Pattern(regexp = DeviceIds.PATTERN, message = "must be " + DeviceIds.RULE)
            String deviceId) {
    }

    /** The new account; {@code token} and {@code tokenExpiresAt} only in local registration mode. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Registered(UUID userId, String phoneNumber, String displayName, Instant createdAt, String token,
            Instant tokenExpiresAt) {
    }

    /** One's own account. */
    public record MyAccount(UUID userId, String phoneNumber, String displayName, Instant createdAt, Instant updatedAt) {
        static MyAccount of(Account a) {
            return new MyAccount(a.userId(), a.phoneNumber(), a.displayName(), a.createdAt(), a.updatedAt());
        }
    }

    /** What any signed-in user may see of an account. */
    public record Profile(UUID userId, String phoneNumber, String displayName) {
        static Profile of(Account a) {
            return new Profile(a.userId(), a.phoneNumber(), a.displayName());
        }
    }

    public record ProfileUpdate(@NotBlank @Size(max = MAX_NAME) String displayName) {
    }

    /**
     * One's privacy settings (docs/privacy.md): who may see one's presence and last seen, and
     * whether one sends and sees read receipts in one-to-one chats (left out of a change: as it was).
     */
    public record Privacy(@NotNull @Pattern(regexp = "everyone|contacts|nobody",
            message = "must be 'everyone', 'contacts' or 'nobody'") String presence, Boolean readReceipts) {
        static Privacy of(Account a) {
            return new Privacy(a.presenceVisibility().wire(), a.readReceipts());
        }
    }

    public record LookupRequest(@NotNull @Size(min = 1, max = MAX_LOOKUP)
            List<@NotNull @Pattern(regexp = PhoneNumbers.E164, message = PhoneNumbers.E164_MESSAGE) String> phoneNumbers) {
    }

    /** The registered accounts among the numbers asked about, in phone-number order; the others are left out. */
    public record LookupResponse(List<Profile> accounts) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> register(@Valid @NotNull RegisterRequest request) {
        String device = request.deviceId() == null ? DeviceIds.DEFAULT : request.deviceId();
        return identity.getDeferredIdentity()
                .chain(caller -> registration.register(caller, request.phoneNumber(), request.displayName(), device))
                .map(done -> {
                    Account a = done.account();
                    Registered body = new Registered(a.userId(), a.phoneNumber(), a.displayName(), a.createdAt(),
                            done.token() == null ? null : done.token().token(),
                            done.token() == null ? null : done.token().expiresAt());
                    return Response.created(URI.create("/v1/accounts/" + a.userId())).entity(body).build();
                });
    }

    public record DeviceRequest(@NotNull @Pattern(regexp = DeviceIds.PATTERN, message = "must be " + DeviceIds.RULE)
            String deviceId) {
    }

    /** A token for a newly linked device of one's account. */
    public record LinkedDevice(String deviceId, String token, Instant tokenExpiresAt) {
    }

    /**
     * Links another device (a second browser, say) to the caller's account, in local mode: 201 with
     * a token for it. A device id already in use is issued a token too, naming that device.
     */
    @POST
    @Path("/me/devices")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> linkDevice(@Valid @NotNull DeviceRequest request) {
        UUID me = signedInUser();
        return registration.linkDevice(me, request.deviceId())
                .map(linked -> linked.orElseThrow(() -> noAccountFor(me)))
                .map(issued -> Response.status(Response.Status.CREATED)
                        .entity(new LinkedDevice(request.deviceId(), issued.token(), issued.expiresAt())).build());
    }

    @GET
    @Path("/me")
    @Authenticated
    public Uni<MyAccount> me() {
        UUID me = signedInUser();
        return accounts.find(me).map(found -> MyAccount.of(found.orElseThrow(() -> noAccountFor(me))));
    }

    @PATCH
    @Path("/me")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<MyAccount> update(@Valid @NotNull ProfileUpdate update) {
        UUID me = signedInUser();
        return accounts.rename(me, update.displayName())
                .map(found -> MyAccount.of(found.orElseThrow(() -> noAccountFor(me))));
    }

    @GET
    @Path("/me/privacy")
    @Authenticated
    public Uni<Privacy> privacy() {
        UUID me = signedInUser();
        return accounts.find(me).map(found -> Privacy.of(found.orElseThrow(() -> noAccountFor(me))));
    }

    /**
     * Takes effect at once: presence-service reads the presence setting on every lookup, and
     * message-service the read-receipts setting on every one-to-one "seen".
     */
    @PUT
    @Path("/me/privacy")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Privacy> setPrivacy(@Valid @NotNull Privacy privacy) {
        UUID me = signedInUser();
        return accounts.setPrivacy(me, PresenceVisibility.ofStored(privacy.presence()), privacy.readReceipts())
                .map(found -> Privacy.of(found.orElseThrow(() -> noAccountFor(me))));
    }

    @GET
    @Path("/{userId}")
    @Authenticated
    public Uni<Profile> profile(@PathParam("userId") String userId) {
        UUID id = RequestValues.uuid(userId, "a user id");
        return accounts.find(id).map(found -> Profile.of(found.orElseThrow(() -> new NotFoundException("no account " + id))));
    }

    @POST
    @Path("/lookup")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<LookupResponse> lookup(@Valid @NotNull LookupRequest request) {
        return accounts.findByPhones(request.phoneNumbers().stream().distinct().toList())
                .map(found -> new LookupResponse(found.stream().map(Profile::of)
                        .sorted(Comparator.comparing(Profile::phoneNumber)).toList()));
    }

    private UUID signedInUser() {
        return RequestValues.signedInUser(token.getSubject());
    }

    private static NotFoundException noAccountFor(UUID user) {
        return new NotFoundException("user " + user + " has no account yet: register with POST /v1/accounts");
    }
}
