package dev.chat.stack.tokens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevTokensTest {

    @Test
    void aMintedTokenVerifiesWithThePublishedKeyAndNamesUserAndDevice() throws Exception {
        DevTokens tokens = DevTokens.generate();
        UUID user = UUID.randomUUID();

        JwtClaims claims = consumer(tokens.publicKeyPem()).processToClaims(tokens.mint(user, "phone", Duration.ofHours(1)));

        assertEquals(user.toString(), claims.getSubject());
        assertEquals("phone", claims.getStringClaimValue(DevTokens.DEVICE_CLAIM));
        assertEquals(DevTokens.ISSUER, claims.getIssuer());
    }

    @Test
    void aTokenOfAnotherKeyPairDoesNotVerify() throws Exception {
        String foreign = DevTokens.generate().mint(UUID.randomUUID(), "phone", Duration.ofHours(1));
        assertThrows(InvalidJwtException.class, () -> consumer(DevTokens.generate().publicKeyPem()).processToClaims(foreign));
    }

    @Test
    void theKeyPairIsKeptInItsFolder(@TempDir Path dir) throws Exception {
        DevTokens first = DevTokens.loadOrCreate(dir);
        DevTokens again = DevTokens.loadOrCreate(dir);

        assertEquals(first.publicKeyPem(), again.publicKeyPem());
        assertEquals(first.publicKeyPem(), Files.readString(dir.resolve("public.pem")));
        consumer(first.publicKeyPem()).processToClaims(again.mint(UUID.randomUUID(), "laptop", Duration.ofMinutes(5)));
    }

    private static JwtConsumer consumer(String publicKeyPem) throws Exception {
        byte[] der = Base64.getMimeDecoder().decode(publicKeyPem.replaceAll("-----[A-Z ]+-----", "").trim());
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        return new JwtConsumerBuilder().setVerificationKey(key).setExpectedIssuer(DevTokens.ISSUER)
                .setRequireExpirationTime().setRequireSubject().build();
    }
}
