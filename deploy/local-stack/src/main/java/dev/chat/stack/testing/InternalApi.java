package dev.chat.stack.testing;

import static io.restassured.RestAssured.given;

import dev.chat.stack.tls.InternalCertificates;
import io.restassured.RestAssured;
import io.restassured.config.SSLConfig;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.apache.http.conn.ssl.SSLSocketFactory;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Calls to the internal port of the service under test, as the services call it: HTTPS with a
 * client certificate. The tests' certificates are issued once per module under
 * {@code target/internal-tls} ({@link #certificates()}); {@link ChatServersTestResource} points the
 * service at its own through {@value #ROOT_PROPERTY}.
 */
public final class InternalApi {

    /** The property under which a service's test profile finds the tests' certificates. */
    public static final String ROOT_PROPERTY = "chat.tls.test-root";

    private InternalApi() {
    }

    /** The tests' certificates: one authority and a certificate per service (issued when missing). */
    public static Path certificates() {
        return InternalCertificates.ensure(Path.of("target", "internal-tls").toAbsolutePath());
    }

    /** A request to the internal port presenting {@code caller}'s certificate (e.g. {@code gateway-service}). */
    public static RequestSpecification as(String caller) {
        return with(InternalCertificates.sslContext(InternalCertificates.directoryOf(certificates(), caller)));
    }

    /** A request to the internal port over {@code tls} (another authority's certificate, say). */
    @SuppressWarnings("deprecation") // RestAssured takes Apache HttpClient 4's socket factory
    public static RequestSpecification with(SSLContext tls) {
        SSLSocketFactory sockets = new SSLSocketFactory(tls, SSLSocketFactory.STRICT_HOSTNAME_VERIFIER);
        return given().baseUri("https://127.0.0.1").port(internalPort())
                .config(RestAssured.config().sslConfig(SSLConfig.sslConfig().sslSocketFactory(sockets)));
    }

    /** A Vert.x server standing in for {@code service}'s internal port: its certificate, callers' required. */
    public static HttpServerOptions serverOptions(String service) {
        return new HttpServerOptions().setSsl(true).setClientAuth(ClientAuth.REQUIRED)
                .setKeyCertOptions(certificateOf(service)).setTrustOptions(authority());
    }

    /** {@code service}'s certificate and key, for a Vert.x client or server. */
    public static PemKeyCertOptions certificateOf(String service) {
        Path files = InternalCertificates.directoryOf(certificates(), service);
        return new PemKeyCertOptions().setCertPath(files.resolve("tls.crt").toString())
                .setKeyPath(files.resolve("tls.key").toString());
    }

    /** The tests' authority, the one every service trusts. */
    public static PemTrustOptions authority() {
        return new PemTrustOptions().addCertPath(
                InternalCertificates.directoryOf(certificates(), InternalCertificates.SERVICES.get(0)).resolve("ca.crt").toString());
    }

    /** The internal (HTTPS) port the service under test listens on. */
    public static int internalPort() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
    }
}
