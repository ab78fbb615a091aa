package dev.chat.support.internal;

import dev.chat.support.problems.RoutedProblems;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Keeps the service-to-service API apart from the public one (docs/security.md).
 *
 * <p>Guarantees. A path under {@code /internal/} is served only on the internal port, which is
 * HTTPS with client certificates required ({@code quarkus.http.ssl.client-auth=required}): the TLS
 * handshake admits only certificates issued by the suite's own authority. Of those, only the
 * services named in {@code chat.internal.callers} (the certificate's common name) are let through;
 * any other gets 403. On the public port every {@code /internal/} path answers 404, as if it did not
 * exist; on the internal port every other path does. Paths are judged after normalisation, so
 * {@code /v1/../internal/x} is an internal path. Health, metrics and OpenAPI are on the management
 * port, which this guard does not see.
 */
@ApplicationScoped
public class InternalApiGuard {

    static final String PREFIX = "/internal/";
    /** Before every route of the application, Quarkus' own included. */
    static final int ORDER = Integer.MIN_VALUE + 100;
    /** Where a TLS session keeps its caller's name. */
    private static final String CALLER = InternalApiGuard.class.getName() + ".caller";

    private final Set<String> callers;

    public InternalApiGuard(InternalApiConfig config) {
        this.callers = config.internal().callers().orElse(Set.of());
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::guard);
    }

    void guard(RoutingContext context) {
        HttpServerRequest request = context.request();
        boolean internalPath = isInternal(context.normalizedPath());
        if (!request.isSSL()) {
            if (internalPath) {
                RoutedProblems.end(context, 404, "there is no such resource");
            } else {
                context.next();
            }
        } else if (!internalPath) {
            RoutedProblems.end(context, 404, "the internal port serves only the internal API");
        } else if (callers.contains(callerOf(request))) {
            context.next();
        } else {
            RoutedProblems.end(context, 403, "this caller may not use this service's internal API");
        }
    }

    static boolean isInternal(String normalizedPath) {
        return normalizedPath != null && (normalizedPath.startsWith(PREFIX) || normalizedPath.equals("/internal"));
    }

    /**
     * The common name of the caller's certificate, or the empty string when there is none. Read
     * once per TLS session and kept in it: every request of a pooled connection would otherwise
     * parse the same name again.
     */
    static String callerOf(HttpServerRequest request) {
        SSLSession session = request.sslSession();
        if (session == null) {
            return "";
        }
        if (session.getValue(CALLER) instanceof String known) {
            return known;
        }
        String caller = certifiedName(session);
        session.putValue(CALLER, caller);
        return caller;
    }

    private static String certifiedName(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf) ? ""
                    : commonName(leaf.getSubjectX500Principal().getName());
        } catch (SSLPeerUnverifiedException none) {
            return "";
        }
    }

    /** The CN of an RFC 2253 name, or the empty string. */
    static String commonName(String distinguishedName) {
        try {
            List<Rdn> parts = new LdapName(distinguishedName).getRdns();
            return parts.stream().filter(rdn -> rdn.getType().equalsIgnoreCase("CN")).map(rdn -> rdn.getValue().toString())
                    .reduce((first, last) -> last).orElse("");
        } catch (InvalidNameException malformed) {
            return "";
        }
    }
}
