package dev.chat.support.problems;

import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem bodies (RFC 9457) for what is refused before any REST endpoint runs: by a route of the
 * router ({@link RequestLimits}, the internal API's guard) or by the router itself
 * ({@link RouterFailures}): the same {@link Problem} as the REST endpoints', written without JAX-RS.
 */
public final class RoutedProblems {

    private RoutedProblems() {
    }

    /** Ends the request with a problem body of {@code status} saying {@code detail}. */
    public static void end(RoutingContext context, int status, String detail) {
        context.response().setStatusCode(status).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(Problem.of(status, detail, null, null)));
    }
}
