package dev.chat.contacts.domain;

import dev.chat.common.errors.Refusal;
import dev.chat.contacts.config.LocalTokens;
import dev.chat.contacts.config.RegistrationMode;
import dev.chat.contacts.storage.Account;
import dev.chat.contacts.storage.AccountStore;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Creates accounts, in the way {@link RegistrationMode} says.
 *
 * <p>Guarantees: a phone number belongs to one account at most (a second registration of it is
 * refused with 409 and changes nothing); in identity-provider mode an account's user id is the
 * subject of the token that registered it and its number is the token's verified
 * {@code phone_number}, so nobody can claim a number the identity provider did not verify for
 * them.
 */
@ApplicationScoped
public class Registration {

    /** The claim, standard in OpenID Connect, that carries the verified phone number. */
    static final String PHONE_CLAIM = "phone_number";

    /** What registration answers: the account, and in local mode a token for it. */
    public record Registered(Account account, LocalTokens.IssuedToken token) {
    }

    private final AccountStore accounts;
    private final LocalTokens tokens;

    public Registration(AccountStore accounts, LocalTokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /**
     * Registers {@code phoneNumber} (already validated as E.164) for the caller.
     *
     * @param caller who is asking; anonymous unless a bearer token came with the request
     * @param deviceId the device the local token is for
     */
    public Uni<Registered> register(SecurityIdentity caller, String phoneNumber, String displayName, String deviceId) {
        if (tokens.mode() == RegistrationMode.LOCAL) {
            return create(UUID.randomUUID(), phoneNumber, displayName)
                    .map(account -> new Registered(account, tokens.issue(account.userId(), deviceId)));
        }
        UUID userId = verifiedSubject(caller, phoneNumber);
        // An account row whose number does not lead back to it is the leftover of an interrupted
        // registration (AccountStore#create): registering again completes it.
        return accounts.find(userId)
                .chain(existing -> existing.isEmpty() ? Uni.createFrom().item(Optional.<Account>empty())
                        : accounts.findByPhone(existing.get().phoneNumber()))
                .chain(owner -> {
                    if (owner.isPresent() && owner.get().userId().equals(userId)) {
                        throw conflict("this user already has an account");
                    }
                    return create(userId, phoneNumber, displayName).map(account -> new Registered(account, null));
                });
    }

    /**
     * A token for another device of {@code userId}'s account, asked for with a token of one of its
     * devices (as a phone links WhatsApp Web). Local mode only: with an identity provider, every
     * device signs in there. Empty when the account does not exist.
     */
    public Uni<Optional<LocalTokens.IssuedToken>> linkDevice(UUID userId, String deviceId) {
        if (tokens.mode() != RegistrationMode.LOCAL) {
            return Uni.createFrom().failure(Refusal.forbidden(null,
                    "devices sign in with the identity provider, which issues their tokens"));
        }
        return accounts.find(userId).map(found -> found.map(account -> tokens.issue(userId, deviceId)));
    }

    private Uni<Account> create(UUID userId, String phoneNumber, String displayName) {
        return accounts.create(userId, phoneNumber, displayName)
                .map(created -> created.orElseThrow(() -> conflict("the phone number " + phoneNumber + " is already registered")));
    }

    private static UUID verifiedSubject(SecurityIdentity caller, String phoneNumber) {
        if (caller.isAnonymous() || !(caller.getPrincipal() instanceof JsonWebToken token)) {
            throw new UnauthorizedException();
        }
        if (!phoneNumber.equals(token.getClaim(PHONE_CLAIM))) {
            throw Refusal.forbidden(null, "the token's " + PHONE_CLAIM + " claim is not " + phoneNumber
                    + ": register the number the identity provider verified");
        }
        try {
            return UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw Refusal.forbidden(null, "the token's subject must be a UUID: it becomes the user id");
        }
    }

    private static Refusal conflict(String detail) {
        return Refusal.conflict(null, detail);
    }
}
