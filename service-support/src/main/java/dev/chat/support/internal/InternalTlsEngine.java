package dev.chat.support.internal;

import io.netty.handler.ssl.OpenSsl;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;

/**
 * Which TLS implementation the internal hops use (the mutual TLS between gateway, message-service
 * and delivery-service; docs/security.md): OpenSSL's, from netty-tcnative's BoringSSL, where its
 * native library loads, else the JDK's.
 *
 * <p>Why. The services run on the C1 compiler alone (docs/benchmarks.md, cold start), and C1 has
 * none of the JDK's AES and GHASH intrinsics: the JDK's AES-GCM then runs as plain Java, about a
 * tenth of each of the three services' CPU at 1,000 messages/s. BoringSSL uses the processor's AES
 * instructions whatever the JIT does (docs/benchmarks.md, *twelfth pass*).
 *
 * <p>Guarantees. The engine changes how records are encrypted, nothing of what is checked: the same
 * certificates, authority, client-certificate requirement, protocols and caller names apply with
 * either, and a peer using the other engine interoperates. Where BoringSSL cannot load (another
 * platform, or {@code -Dio.netty.handler.ssl.noOpenSsl=true}) the JDK's engine is used and
 * {@link #description()} says why.
 */
public final class InternalTlsEngine {

    private InternalTlsEngine() {
    }

    /** A new options object (Vert.x options are mutable) for the engine to use. */
    public static SSLEngineOptions options() {
        return isOpenSsl() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions();
    }

    /** Whether BoringSSL loaded. */
    public static boolean isOpenSsl() {
        return OpenSSLEngineOptions.isAvailable();
    }

    /** The engine in use, for the start-up log. */
    public static String description() {
        if (isOpenSsl()) {
            return "OpenSSL (" + OpenSsl.versionString() + ")";
        }
        Throwable cause = OpenSsl.unavailabilityCause();
        return "the JDK's (OpenSSL unavailable: " + (cause == null ? "not on the class path" : cause.getMessage()) + ")";
    }
}
