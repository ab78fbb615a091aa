package dev.chat.contacts.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chat.common.errors.Refusal;
import dev.chat.contacts.config.LocalTokens;
import dev.chat.contacts.config.RegistrationMode;
import dev.chat.contacts.storage.AccountStore;
import dev.chat.contacts.support.Phones;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.TestServers;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Registration as in production, against the real account tables: the identity provider's token
 * names the user and the verified number. (The module's app runs in local mode; this builds the
 * same domain object in identity-provider mode rather than starting a second app.)
 */
@QuarkusTest
class IdentityProviderRegistrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    AccountStore accounts;

    @Inject
    JWTParser parser;

    @InjectTestServers
    TestServers servers;

    private Registration registration() {
        return new Registration(accounts, new LocalTokens(RegistrationMode.IDENTITY_PROVIDER, "chat-local",
                Duration.ofHours(1), "device_id", false));
    }

    @Test
    void theTokensSubjectBecomesTheUserIdAndNoTokenIsIssued() {
        UUID subject = UUID.randomUUID();
        String phone = Phones.fresh();
        SecurityIdentity caller = caller(subject.toString(), phone);

        Registration.Registered done = registration().register(caller, phone, "Grace", "phone").await().atMost(WAIT);
        assertEquals(subject, done.account().userId());
        assertNull(done.token(), "the identity provider issues the tokens");
        assertEquals(phone, accounts.find(subject).await().atMost(WAIT).orElseThrow().phoneNumber());

        Refusal again = assertThrows(Refusal.class,
                () -> registration().register(caller, phone, "Again", "phone").await().atMost(WAIT));
        assertEquals(409, again.status());
    }

    @Test
    void registrationNeedsATokenWhoseVerifiedNumberAndSubjectFit() {
        String phone = Phones.fresh();
        assertThrows(UnauthorizedException.class, () -> registration()
                .register(QuarkusSecurityIdentity.builder().setAnonymous(true).build(), phone, "Anon", "phone"));
        assertEquals(403, assertThrows(Refusal.class, () -> registration()
                .register(caller(UUID.randomUUID().toString(), Phones.fresh()), phone, "Other number", "phone")).status());
        Refusal notUuid = assertThrows(Refusal.class, () -> registration()
                .register(caller("mallory@example.org", phone), phone, "Mallory", "phone"));
        assertEquals(403, notUuid.status());
        assertEquals("the token's subject must be a UUID: it becomes the user id", notUuid.getMessage());
        assertEquals(403, assertThrows(Refusal.class, () -> registration()
                .register(caller(UUID.randomUUID().toString(), null), phone, "No claim", "phone")).status());
        assertEquals(Optional.empty(), accounts.findByPhone(phone).await().atMost(WAIT), "nothing was registered");
    }

    private SecurityIdentity caller(String subject, String verifiedPhone) {
        Map<String, ?> claims = verifiedPhone == null ? Map.of() : Map.of("phone_number", verifiedPhone);
        try {
            return QuarkusSecurityIdentity.builder()
                    .setPrincipal(parser.parse(servers.tokens().mint(subject, "phone", Duration.ofHours(1), claims)))
                    .build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
