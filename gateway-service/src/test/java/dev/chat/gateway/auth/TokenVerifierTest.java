package dev.chat.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.stack.tokens.DevTokens;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real parser and real signed tokens; the verifier's clock is the test's. */
class TokenVerifierTest {

    private final DevTokens tokens = DevTokens.generate();
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private final MovableClock clock = new MovableClock();
    private TokenVerifier verifier;

    @BeforeEach
    void verifierWithTheTestKey() throws Exception {
        JWTAuthContextInfo context = new JWTAuthContextInfo(KeyUtils.decodePublicKey(tokens.publicKeyPem()), DevTokens.ISSUER);
        DefaultJWTParser parser = new DefaultJWTParser(context) {
            @Override
            public JsonWebToken parse(String token) throws ParseException {
                signatureChecks.incrementAndGet();
                return super.parse(token);
            }
        };
        Config config = new SmallRyeConfigBuilder().withDefaultValue("mp.jwt.verify.publickey", tokens.publicKeyPem()).build();
        verifier = new TokenVerifier(parser, config, "device_id", 100, clock);
    }

    @Test
    void aTokenThatPassedIsAcceptedAgainWithoutASecondSignatureCheck() {
        UUID user = UUID.randomUUID();
        String token = tokens.mint(user, "phone", Duration.ofHours(1));

        Optional<AuthenticatedDevice> first = verifier.verify(token);
        Optional<AuthenticatedDevice> second = verifier.verify(token);

        assertEquals(Optional.of(new AuthenticatedDevice(user, "phone")), first);
        assertEquals(first, second);
        assertEquals(1, signatureChecks.get());
    }

    @Test
    void aRememberedTokenIsNotTakenFromMemoryAtOrAfterItsExpiry() {
        String token = tokens.mint(UUID.randomUUID(), "phone", Duration.ofHours(1));
        verifier.verify(token);

        clock.advance(Duration.ofHours(1).plusSeconds(2)); // exp is in whole seconds
        verifier.verify(token);

        assertEquals(2, signatureChecks.get(), "checked again once its expiry came");
    }

    @Test
    void aTokenThatFailedIsCheckedAgainEveryTime() {
        String valid = tokens.mint(UUID.randomUUID(), "phone", Duration.ofHours(1));
        String forged = valid.substring(0, valid.lastIndexOf('.') + 1) + "AAAA";

        assertTrue(verifier.verify(forged).isEmpty());
        assertTrue(verifier.verify(forged).isEmpty());
        assertEquals(2, signatureChecks.get());
    }

    @Test
    void anotherTokenOfTheSameDeviceIsCheckedOnItsOwn() {
        UUID user = UUID.randomUUID();
        verifier.verify(tokens.mint(user, "phone", Duration.ofHours(1)));

        Optional<AuthenticatedDevice> other = verifier.verify(tokens.mint(user, "phone", Duration.ofHours(2)));

        assertEquals(Optional.of(new AuthenticatedDevice(user, "phone")), other);
        assertEquals(2, signatureChecks.get());
    }

    /** Wall-clock time the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
