package dev.chat.support.problems;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request over the documented limits with a problem body, before any other route reads
 * it: a URI that is not one by RFC 3986 (broken percent-encoding, a curly brace; 400), a URI over
 * {@value #MAX_URI_LENGTH} characters (414) and a body whose declared length is over
 * {@code quarkus.http.limits.max-body-size} (413, and the connection is closed instead of reading
 * the body). A body sent in chunks, without a declared length, is read here up to that limit (a
 * problem 413 beyond it, by {@link RouterFailures}); the endpoint then reads it from memory. Quarkus
 * and Netty refuse the same requests with a bare status; this route runs first so that clients get
 * the same error format as everywhere else.
 *
 * <p>Quarkus checks URIs itself, in front of the router, and answers a bad one with a bare 400
 * unless the system property {@value #QUARKUS_URI_CHECK_OFF} is set; {@link UriCheckHandover}
 * sets it, and this route makes the same check ({@link URI}'s parser) with a problem body.
 *
 * <p>Limits. Netty still refuses, without a body, a request line longer than
 * {@code quarkus.http.limits.max-initial-line-length} (set to 16 KiB, four times this URI limit, in
 * this library's configuration) and headers over {@code max-header-size}, since no route sees
 * them.
 */
@ApplicationScoped
public class RequestLimits {

    /** The longest URI served, path and query together, in characters. */
    public static final int MAX_URI_LENGTH = 4096;
    /** Before the internal API's guard (which reads the path) and Quarkus' own body limit (order -2). */
    static final int ORDER = Integer.MIN_VALUE + 50;
    static final String QUARKUS_URI_CHECK_OFF = "vertx.disableURIValidation";

    private final long maxBodyBytes;
    private final BodyHandler chunkedBodies;

    public RequestLimits(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBody) {
        this.maxBodyBytes = maxBody.asLongValue();
        this.chunkedBodies = BodyHandler.create(false).setBodyLimit(maxBodyBytes);
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext context) {
        String uri = context.request().uri();
        if (uri.length() > MAX_URI_LENGTH) {
            RoutedProblems.end(context, 414, "the request URI is longer than " + MAX_URI_LENGTH + " characters");
        } else if (!isUri(uri)) {
            RoutedProblems.end(context, 400, "the request URI is not valid: check its percent-encoding and characters");
        } else if (declaredLength(context) > maxBodyBytes) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(ended -> context.request().connection().close());
            RoutedProblems.end(context, 413, "the request body is larger than " + maxBodyBytes + " bytes");
        } else if (isChunked(context)) {
            chunkedBodies.handle(context);
        } else {
            context.next();
        }
    }

    static boolean isUri(String uri) {
        try {
            new URI(uri);
            return true;
        } catch (URISyntaxException notOne) {
            return false;
        }
    }

    private static boolean isChunked(RoutingContext context) {
        return context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)
                && !context.request().headers().contains(HttpHeaders.CONTENT_LENGTH);
    }

    private static long declaredLength(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException unreadable) {
            return -1; // Netty refuses such a request before routing
        }
    }
}
