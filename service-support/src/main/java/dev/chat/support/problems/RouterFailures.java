package dev.chat.support.problems;

import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Gives a problem body to what the router refuses itself, before any endpoint: a path that does
 * not start with {@code /}, a request without a {@code Host}, a chunked body over the limit
 * ({@link RequestLimits}), and any failure no endpoint mapped (a 500, told without internals and
 * logged here). Failures of authentication pass on to Quarkus, which answers them with its
 * challenge.
 */
@ApplicationScoped
public class RouterFailures {

    private static final Logger LOG = Logger.getLogger(RouterFailures.class);

    void register(@Observes Router router) {
        router.route().order(RequestLimits.ORDER).failureHandler(this::render);
    }

    void render(RoutingContext context) {
        if (context.response().headWritten() || isSecurity(context.failure())) {
            context.next();
            return;
        }
        int status = context.statusCode() < 400 ? 500 : context.statusCode();
        if (status >= 500) {
            LOG.error("Request failed before reaching an endpoint", context.failure());
        }
        RoutedProblems.end(context, status, detail(status));
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "the request is not valid HTTP: check its path and Host header";
            case 404 -> "there is no such resource";
            case 405 -> "this resource does not take that method";
            case 413 -> "the request body is too large";
            default -> status >= 500 ? "the server could not complete the request" : "the request was refused";
        };
    }

    private static boolean isSecurity(Throwable failure) {
        return failure instanceof AuthenticationException || failure instanceof UnauthorizedException
                || failure instanceof ForbiddenException;
    }
}
