package dev.chat.stack.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The internal port's certificates for a local stack or a test run: one certificate authority and,
 * per service, a certificate whose common name is the service's name, in the layout the services
 * read from {@code chat.tls.directory} (and cert-manager writes into a Secret):
 * {@code <root>/<service>/tls.crt}, {@code tls.key}, {@code ca.crt}.
 *
 * <p>These are throw-away credentials for one machine: P-256 keys, valid for {@link #VALIDITY},
 * usable as server and as client certificates, naming {@code localhost} and {@code 127.0.0.1}.
 * In Kubernetes the chart issues its own (docs/deploy.md).
 */
public final class InternalCertificates {

    /** Every service of the suite: each may be a caller, so each gets a certificate. */
    public static final List<String> SERVICES = List.of("gateway-service", "message-service", "delivery-service",
            "presence-service", "inbox-service", "contacts-service");

    static final Duration VALIDITY = Duration.ofDays(3650);
    private static final String SIGNATURE = "SHA256withECDSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    private InternalCertificates() {
    }

    /** The folder of one service's files under {@code root}. */
    public static Path directoryOf(Path root, String service) {
        return root.resolve(service);
    }

    /**
     * Leaves the certificates under {@code root} as they are when every service has its files (a
     * restarted stack keeps trusting itself), else issues a new authority and every service's
     * certificate.
     */
    public static synchronized Path ensure(Path root) {
        boolean complete = SERVICES.stream().allMatch(service -> Files.exists(directoryOf(root, service).resolve("tls.key"))
                && Files.exists(directoryOf(root, service).resolve("tls.crt"))
                && Files.exists(directoryOf(root, service).resolve("ca.crt")));
        return complete ? root : issue(root, "chat local CA", SERVICES);
    }

    /** Issues a new authority named {@code authority} and a certificate for each of {@code names}. */
    public static Path issue(Path root, String authority, Collection<String> names) {
        try {
            KeyPair caKeys = newKeyPair();
            X500Name caName = new X500Name("CN=" + authority);
            Instant now = Instant.now();
            X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(VALIDITY)), caName, caKeys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            X509Certificate caCertificate = sign(ca, caKeys);
            String caPem = pem(caCertificate);
            for (String name : names) {
                KeyPair keys = newKeyPair();
                X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caName, serial(),
                        Date.from(now.minusSeconds(60)), Date.from(now.plus(VALIDITY)), new X500Name("CN=" + name),
                        keys.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                        .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                                new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                                new GeneralName(GeneralName.dNSName, name), new GeneralName(GeneralName.dNSName, "localhost"),
                                new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
                Path directory = Files.createDirectories(directoryOf(root, name));
                Files.writeString(directory.resolve("tls.crt"), pem(sign(leaf, caKeys)));
                Files.writeString(directory.resolve("tls.key"), pemKey(keys.getPrivate()));
                Files.writeString(directory.resolve("ca.crt"), caPem);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the internal certificates under " + root, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("could not issue the internal certificates", e);
        }
    }

    /**
     * A TLS context presenting the certificate in {@code directory} (a service's files) and trusting
     * its {@code ca.crt} alone: how a test or a tool calls an internal port as that service.
     */
    public static SSLContext sslContext(Path directory) {
        return sslContext(directory, directory.resolve("ca.crt"));
    }

    /**
     * A TLS context presenting the certificate in {@code identity} (none when null) and trusting
     * the authority in {@code trusted} alone.
     */
    public static SSLContext sslContext(Path identity, Path trusted) {
        Path directory = identity == null ? trusted.getParent() : identity;
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            Certificate authority;
            try (InputStream in = Files.newInputStream(trusted)) {
                authority = x509.generateCertificate(in);
            }
            char[] password = new char[0];
            KeyStore presented = KeyStore.getInstance("PKCS12");
            presented.load(null, null);
            if (identity != null) {
                Certificate certificate;
                try (InputStream in = Files.newInputStream(identity.resolve("tls.crt"))) {
                    certificate = x509.generateCertificate(in);
                }
                PrivateKey key;
                try (PEMParser parser = new PEMParser(Files.newBufferedReader(identity.resolve("tls.key")))) {
                    key = new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
                }
                presented.setKeyEntry("service", key, password, new Certificate[] {certificate});
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", authority);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(presented, password);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trustManagers.getTrustManagers(), RANDOM);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the certificate in " + directory, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not use the certificate in " + directory, e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(SIGNATURE).build(issuer.getPrivate())));
    }

    private static String pemKey(PrivateKey key) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        return text.toString();
    }

    private static String pem(X509Certificate object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }
}
