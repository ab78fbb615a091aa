package dev.chat.support.problems;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * An error body as RFC 9457 defines it ({@code application/problem+json}), the one error format
 * of every REST endpoint.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param title the status's short text
 * @param status the HTTP status
 * @param detail what went wrong with this request, for a person
 * @param errors the invalid fields, for validation problems
 * @param code for a refusal of the domain, its code (the same as an error frame's, lower case),
 *     when it has one: what a client may branch on
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors, String code) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem of {@code status}, titled with the status's reason phrase. */
    public static Problem of(int status, String detail, List<FieldError> errors, String code) {
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : Response.Status.Family.familyOf(status).name();
        return new Problem("about:blank", title, status, detail, errors, code);
    }

    /** One invalid field: where it is and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
