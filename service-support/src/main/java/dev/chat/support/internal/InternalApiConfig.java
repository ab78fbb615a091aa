package dev.chat.support.internal;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;
import java.util.Set;

/**
 * The internal API and its certificates ({@code chat.internal.*}, {@code chat.tls.*};
 * docs/security.md). The certificate files themselves are read by Quarkus' TLS registry, whose
 * {@code quarkus.tls.internal.*} settings name them under {@code chat.tls.directory}.
 */
@ConfigMapping(prefix = "chat")
public interface InternalApiConfig {

    Internal internal();

    Tls tls();

    interface Internal {
        /** The certificate names (CN) admitted to this service's {@code /internal} API; none: nobody. */
        Optional<Set<String>> callers();
    }

    interface Tls {
        /** The directory holding {@code tls.crt}, {@code tls.key} and {@code ca.crt}. */
        Optional<String> directory();

        /** Tests only: the directory holding every service's test certificates (the test resource sets it). */
        Optional<String> testRoot();
    }
}
