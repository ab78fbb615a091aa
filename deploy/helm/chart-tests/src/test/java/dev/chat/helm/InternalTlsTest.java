package dev.chat.helm;

import static dev.chat.helm.ChartUnderTest.FULLNAME;
import static dev.chat.helm.ChartUnderTest.INTERNAL_TLS;
import static dev.chat.helm.ChartUnderTest.NAMESPACE;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The certificates of the internal API (mutual TLS): one authority, one certificate per service that
 * serves or calls an internal port, in cert-manager's layout, mounted at /etc/chat/tls; kept across
 * upgrades; or the user's own Secrets.
 */
class InternalTlsTest {

    private static final String MOUNT_PATH = "/etc/chat/tls";
    private static final String CA_SECRET = FULLNAME + "-internal-ca";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void aCertificateIsIssuedForExactlyTheServicesThatServeOrCallAnInternalPort(Rendering rendering) {
        Map<String, JsonNode> secrets = serviceSecrets(rendering.manifests());

        assertEquals(new TreeSet<>(INTERNAL_TLS), secrets.keySet());
        assertAll(secrets.entrySet().stream().map(entry -> () -> {
            JsonNode secret = entry.getValue();
            assertEquals(secretName(entry.getKey()), secret.path("metadata").path("name").asText());
            assertEquals(Set.of("tls.crt", "tls.key", "ca.crt"), Manifests.strings(secret.path("data")).keySet(), entry.getKey());
        }));
    }

    @ParameterizedTest
    @EnumSource(Rendering.class)
    void everyCertificateNamesItsServiceAndIsIssuedByTheOneSharedAuthority(Rendering rendering) throws Exception {
        Manifests manifests = rendering.manifests();
        JsonNode values = rendering.chartValues().path("internalTls");
        JsonNode caSecret = manifests.named("Secret", CA_SECRET);
        X509Certificate ca = certificate(caSecret, "tls.crt");

        assertEquals("kubernetes.io/tls", caSecret.path("type").asText());
        assertTrue(ca.getBasicConstraints() >= 0, "the authority is a CA");
        ca.verify(ca.getPublicKey());
        assertKeyFits(caSecret, ca);
        assertValidFor(values.path("caValidityDays").asInt(), ca);
        for (Map.Entry<String, JsonNode> entry : serviceSecrets(manifests).entrySet()) {
            String service = entry.getKey();
            JsonNode secret = entry.getValue();
            X509Certificate leaf = certificate(secret, "tls.crt");
            String name = ChartUnderTest.name(service);

            assertArrayEquals(ca.getEncoded(), certificate(secret, "ca.crt").getEncoded(), service + "'s ca.crt is the shared authority");
            leaf.verify(ca.getPublicKey());
            assertEquals("CN=" + ChartUnderTest.component(service), leaf.getSubjectX500Principal().getName(), service);
            assertEquals(-1, leaf.getBasicConstraints(), service + "'s certificate is no CA");
            assertTrue(leaf.getExtendedKeyUsage().containsAll(List.of(SERVER_AUTH, CLIENT_AUTH)),
                    service + " serves and calls with it: " + leaf.getExtendedKeyUsage());
            assertEquals(Set.of(name, name + "." + NAMESPACE, name + "." + NAMESPACE + ".svc",
                    name + "." + NAMESPACE + ".svc." + values.path("clusterDomain").asText()), dnsNames(leaf), service);
            assertKeyFits(secret, leaf);
            assertValidFor(values.path("certValidityDays").asInt(), leaf);
        }
    }

    @Test
    void theValiditiesAreValues() throws Exception {
        Manifests manifests = ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES,
                Map.of("internalTls.caValidityDays", "400", "internalTls.certValidityDays", "30"));

        assertValidFor(400, certificate(manifests.named("Secret", CA_SECRET), "tls.crt"));
        assertValidFor(30, certificate(manifests.named("Secret", secretName("message")), "tls.crt"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("dev.chat.helm.Rendering#everyService")
    void theServicesWithACertificateMountItsSecretReadOnlyAtEtcChatTlsAndNoOtherDoes(Rendering rendering, String service) {
        JsonNode deployment = rendering.manifests().deployment(service);

        if (INTERNAL_TLS.contains(service)) {
            assertMountsCertificate(deployment, secretName(service));
        } else {
            assertNoCertificate(deployment);
        }
    }

    @Test
    void anUpgradeKeepsTheCertificatesTheClusterHolds() {
        Manifests installed = ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES, Map.of());
        List<JsonNode> held = installed.ofKind("Secret");

        Manifests upgraded = FakeCluster.holding(held, () -> ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES, Map.of()));

        assertEquals(1 + INTERNAL_TLS.size(), held.size(), installed.names("Secret").toString());
        assertAll(held.stream().map(secret -> () -> {
            String name = secret.path("metadata").path("name").asText();
            assertEquals(digests(secret), digests(upgraded.named("Secret", name)), name + " is kept");
        }));
    }

    @Test
    void aLostCertificateIsIssuedAgainByTheKeptAuthority() throws Exception {
        Manifests installed = ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES, Map.of());
        List<JsonNode> held = installed.ofKind("Secret").stream()
                .filter(secret -> !secret.path("metadata").path("name").asText().equals(secretName("gateway"))).toList();

        Manifests upgraded = FakeCluster.holding(held, () -> ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES, Map.of()));
        X509Certificate ca = certificate(installed.named("Secret", CA_SECRET), "tls.crt");
        JsonNode gateway = upgraded.named("Secret", secretName("gateway"));

        assertNotEquals(digests(installed.named("Secret", secretName("gateway"))), digests(gateway), "a new certificate");
        certificate(gateway, "tls.crt").verify(ca.getPublicKey());
        assertArrayEquals(ca.getEncoded(), certificate(gateway, "ca.crt").getEncoded());
        assertEquals(digests(installed.named("Secret", secretName("message"))),
                digests(upgraded.named("Secret", secretName("message"))), "the others are kept");
    }

    @Test
    void aCertificateOfAnotherAuthorityIsIssuedAgainByTheKeptOne() throws Exception {
        Manifests installed = ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES, Map.of());
        Manifests foreign = ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES, Map.of());
        List<JsonNode> held = List.of(installed.named("Secret", CA_SECRET), foreign.named("Secret", secretName("gateway")));

        Manifests upgraded = FakeCluster.holding(held, () -> ChartUnderTest.render(ChartUnderTest.DEFAULT_VALUES, Map.of()));
        X509Certificate ca = certificate(installed.named("Secret", CA_SECRET), "tls.crt");
        JsonNode gateway = upgraded.named("Secret", secretName("gateway"));

        certificate(gateway, "tls.crt").verify(ca.getPublicKey());
        assertArrayEquals(ca.getEncoded(), certificate(gateway, "ca.crt").getEncoded());
    }

    @Test
    void ownSecretsAreMountedAndTheChartIssuesNothing() {
        Map<String, String> names = Map.of("gateway", "gateway-cert", "message", "message-cert", "delivery", "delivery-cert");
        Map<String, String> sets = new TreeMap<>(Map.of("internalTls.generate", "false"));
        names.forEach((service, secret) -> sets.put("internalTls.existingSecrets." + service, secret));

        Manifests manifests = ChartUnderTest.render(ChartUnderTest.PRODUCTION_VALUES, sets);

        assertTrue(manifests.ofKind("Secret").isEmpty(), "no Secret: " + manifests.names("Secret"));
        assertAll(ChartUnderTest.SERVICES.stream().map(service -> () -> {
            if (names.containsKey(service)) {
                assertMountsCertificate(manifests.deployment(service), names.get(service));
            } else {
                assertNoCertificate(manifests.deployment(service));
            }
        }));
    }

    @Test
    void ownSecretsMustBeNamedForEveryServiceThatNeedsOne() {
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> ChartUnderTest.render(
                ChartUnderTest.DEFAULT_VALUES, Map.of("internalTls.generate", "false",
                        "internalTls.existingSecrets.gateway", "gateway-cert", "internalTls.existingSecrets.delivery", "delivery-cert")));

        assertTrue(failure.getMessage().contains("internalTls.existingSecrets.message is required"), failure.getMessage());
    }

    /** The issued Secrets of the services (not the authority's), by service key. */
    private static Map<String, JsonNode> serviceSecrets(Manifests manifests) {
        Map<String, JsonNode> result = new TreeMap<>();
        for (JsonNode secret : manifests.ofKind("Secret")) {
            String component = Manifests.labels(secret).getOrDefault("app.kubernetes.io/component", "");
            if (secret.path("metadata").path("name").asText().equals(CA_SECRET)) {
                continue;
            }
            assertEquals("kubernetes.io/tls", secret.path("type").asText(), secret.path("metadata").path("name").asText());
            assertTrue(component.endsWith("-service"), "a service's Secret: " + secret.path("metadata"));
            assertTrue(result.put(component.substring(0, component.length() - "-service".length()), secret) == null, component);
        }
        return result;
    }

    private static void assertMountsCertificate(JsonNode deployment, String secretName) {
        JsonNode container = Manifests.container(deployment);
        JsonNode mount = mountAt(container).orElseThrow(() -> new AssertionError("nothing mounted at " + MOUNT_PATH
                + " in " + container.path("name").asText()));
        JsonNode volume = CredentialsTest.find(Manifests.podSpec(deployment).path("volumes"), "name", mount.path("name").asText());
        Map<String, String> items = StreamSupport.stream(volume.path("secret").path("items").spliterator(), false)
                .collect(Collectors.toMap(item -> item.path("key").asText(), item -> item.path("path").asText()));

        assertTrue(mount.path("readOnly").asBoolean(false), "read-only");
        assertTrue(mount.path("subPath").isMissingNode(), "the whole volume, so that a renewed Secret reaches the pod");
        assertEquals(secretName, volume.path("secret").path("secretName").asText());
        assertEquals(Map.of("tls.crt", "tls.crt", "tls.key", "tls.key", "ca.crt", "ca.crt"), items);
        assertEquals(0, volume.path("secret").path("defaultMode").asInt(0644) & 0007, "not readable by others");
    }

    private static void assertNoCertificate(JsonNode deployment) {
        String name = deployment.path("metadata").path("name").asText();
        assertFalse(mountAt(Manifests.container(deployment)).isPresent(), name + " mounts nothing at " + MOUNT_PATH);
        for (JsonNode volume : Manifests.podSpec(deployment).path("volumes")) {
            assertFalse(volume.path("secret").path("secretName").asText().endsWith("-internal-tls"), name + ": " + volume);
        }
    }

    private static java.util.Optional<JsonNode> mountAt(JsonNode container) {
        return StreamSupport.stream(container.path("volumeMounts").spliterator(), false)
                .filter(mount -> MOUNT_PATH.equals(mount.path("mountPath").asText())).findFirst();
    }

    private static String secretName(String service) {
        return ChartUnderTest.name(service) + "-internal-tls";
    }

    /** A Secret's data as SHA-256 digests (short enough for an assertion's message). */
    private static Map<String, String> digests(JsonNode secret) throws GeneralSecurityException {
        Map<String, String> result = new TreeMap<>();
        for (Map.Entry<String, String> entry : Manifests.strings(secret.path("data")).entrySet()) {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(entry.getValue().getBytes(StandardCharsets.US_ASCII));
            result.put(entry.getKey(), HexFormat.of().formatHex(digest, 0, 8));
        }
        return result;
    }

    private static byte[] data(JsonNode secret, String key) {
        String value = secret.path("data").path(key).asText();
        assertFalse(value.isEmpty(), key + " in " + secret.path("metadata").path("name").asText());
        return Base64.getDecoder().decode(value);
    }

    static X509Certificate certificate(JsonNode secret, String key) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(data(secret, key)));
    }

    private static Set<String> dnsNames(X509Certificate certificate) throws GeneralSecurityException {
        Set<String> names = new TreeSet<>();
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
            assertEquals(2, name.get(0), "only DNS names: " + name);
            names.add((String) name.get(1));
        }
        return names;
    }

    private static void assertValidFor(int days, X509Certificate certificate) {
        Duration validity = Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant());
        assertTrue(Math.abs(validity.toHours() - days * 24L) <= 24, "valid for " + days + " days: " + validity.toDays()
                + " days, " + certificate.getSubjectX500Principal());
    }

    /** The Secret's tls.key (PEM: PKCS#8, or PKCS#1 RSA) is the private key of {@code certificate}. */
    private static void assertKeyFits(JsonNode secret, X509Certificate certificate) throws GeneralSecurityException {
        String pem = new String(data(secret, "tls.key"), StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            der = pkcs8OfRsa(der);
        } else {
            assertTrue(pem.contains("BEGIN PRIVATE KEY"), "a PEM private key");
        }
        PrivateKey key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(der));
        byte[] probe = "internal".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance("SHA256with" + certificate.getPublicKey().getAlgorithm());
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256with" + certificate.getPublicKey().getAlgorithm());
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        assertTrue(verifier.verify(signature), "tls.key belongs to tls.crt in " + secret.path("metadata").path("name").asText());
    }

    /** PKCS#8 PrivateKeyInfo around a PKCS#1 RSAPrivateKey: version 0, rsaEncryption, the key. */
    private static byte[] pkcs8OfRsa(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(algorithm);
        body.writeBytes(der(0x04, pkcs1));
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length & 0xff);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
