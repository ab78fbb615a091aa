package dev.chat.stack.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Tokens for local use and tests: an RSA key pair of the local stack's own, and RS256 JWTs that
 * name a user ({@code sub}) and a device ({@code device_id}), issued by {@value #ISSUER}.
 *
 * <p>Only the local stack and the tests hold the private key; the services are given the public
 * key, exactly as they are given an identity provider's public key or JWKS URL in production.
 */
public final class DevTokens {

    public static final String ISSUER = "chat-local";
    public static final String DEVICE_CLAIM = "device_id";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DevTokens(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A fresh key pair, kept in memory. */
    public static DevTokens generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new DevTokens(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every Java runtime", e);
        }
    }

    /** The key pair in {@code dir} (private.pem, public.pem), created there on first use. */
    public static DevTokens loadOrCreate(Path dir) {
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");
        try {
            if (Files.exists(privatePem) && Files.exists(publicPem)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                return new DevTokens(rsa.generatePrivate(new PKCS8EncodedKeySpec(fromPem(Files.readString(privatePem)))),
                        rsa.generatePublic(new X509EncodedKeySpec(fromPem(Files.readString(publicPem)))));
            }
            DevTokens tokens = generate();
            Files.createDirectories(dir);
            Files.writeString(privatePem, pem("PRIVATE KEY", tokens.privateKey.getEncoded()));
            Files.writeString(publicPem, tokens.publicKeyPem());
            return tokens;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the key files in " + dir + " are not an RSA key pair; delete them", e);
        }
    }

    /** The public key as PEM, the form {@code mp.jwt.verify.publickey} takes. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /**
     * The private key as PEM, for the one service that issues tokens itself: contacts-service in
     * local registration mode ({@code smallrye.jwt.sign.key}).
     */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** A token for {@code device} of {@code user}, valid for {@code ttl}. */
    public String mint(UUID user, String device, Duration ttl) {
        return mint(user.toString(), device, ttl, Map.of());
    }

    /**
     * A token with any subject and extra claims, as an external identity provider would issue
     * (for instance with a verified {@code phone_number}).
     */
    public String mint(String subject, String device, Duration ttl, Map<String, ?> extraClaims) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim(DEVICE_CLAIM, device);
        extraClaims.forEach(claims::setClaim);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(ttl.toSeconds() / 60f);
        claims.setGeneratedJwtId();
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("signing with a fresh RSA key cannot fail", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] fromPem(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
    }
}
