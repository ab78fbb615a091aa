package dev.chat.contacts.config;

/**
 * How accounts come to be ({@code chat.accounts.registration}).
 *
 * <ul>
 *   <li>{@code identity-provider} (the default, for production): registration needs a bearer
 *       token from the configured issuer; the account's user id is the token's subject (a UUID)
 *       and the phone number must be the token's verified {@code phone_number} claim. The
 *       identity provider proves the number (by SMS) and issues every token.
 *   <li>{@code local} (dev, tests, the local stack): anyone may register any number; the user id
 *       is new and the answer carries a token signed with the local key, so a developer needs no
 *       identity provider.
 * </ul>
 */
public enum RegistrationMode {
    IDENTITY_PROVIDER,
    LOCAL
}
