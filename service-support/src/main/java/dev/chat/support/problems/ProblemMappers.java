package dev.chat.support.problems;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.chat.common.errors.Refusal;
import dev.chat.support.json.JsonProblems;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST endpoint into an RFC 9457 problem body: client errors with the
 * request's own status and a detail that says what to fix, a body that is not the JSON asked for
 * as 400 naming the field ({@link JsonProblems}), validation errors with one entry per field,
 * authentication failures as 401 and authorisation failures as 403, refusals of the domain
 * ({@link Refusal}) with their kind's status and code, and anything unexpected as
 * 500 without internals (logged here instead). No detail names a Java class.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) { // a body reader's failure, wrapped
            return unreadableBody(json);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return problem(status, "the server could not complete the request", null);
        }
        return problem(status, e.getMessage(), null);
    }

    /** A refusal of the domain: its kind's status, its detail and, when it has one, its code. */
    @ServerExceptionMapper
    public Response refused(Refusal e) {
        return problem(e.status(), e.getMessage(), null, e.code() == null ? null : e.code().wire());
    }

    @ServerExceptionMapper
    public Response unreadableBody(JsonProcessingException e) {
        return problem(400, "the request body is not valid: " + JsonProblems.describe(e), null);
    }

    /** Named apart: Quarkus has a mapper of its own for this type (400 with no body), which wins over a wider one. */
    @ServerExceptionMapper
    public Response mismatchedBody(MismatchedInputException e) {
        return unreadableBody(e);
    }

    /** Anything no other mapper knows: a defect or an unavailable server, told without internals. */
    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Request failed", e);
        return problem(500, "the server could not complete the request", null);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return problem(400, "the request is not valid: " + errors.size() + " field(s) in error", errors);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Response.fromResponse(problem(401, "a valid bearer token is required", null))
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "not allowed for this user", null);
    }

    /** The field path a violation names, without the method and parameter prefix of JAX-RS. */
    static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        String field = parts.length == 3 ? parts[2] : path;
        // An element of a list is named by its index alone: "phoneNumbers[1]", not "phoneNumbers[1].<list element>".
        return field.replaceAll("\\.<[a-z ]+>", "");
    }

    public static Response problem(int status, String detail, List<Problem.FieldError> errors) {
        return problem(status, detail, errors, null);
    }

    private static Response problem(int status, String detail, List<Problem.FieldError> errors, String code) {
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(Problem.of(status, detail, errors, code)).build();
    }
}
