package dev.chat.common.errors;

import dev.chat.common.protocol.ErrorCode;

/**
 * A request refused for what it asks, by the rules of the domain: nothing of it was done, and
 * sending it again unchanged is refused again. Thrown by domain classes, which know no HTTP;
 * mapped once to a problem body with the kind's status (service-support's ProblemMappers) and, for
 * an operation of the socket, to an error frame with {@link #code()} (message-service's batch
 * results, the gateway's FrameHandler).
 *
 * <p>Its message is written for the client: it names ids and limits, never a Java class. It has no
 * stack trace: a refusal is an answer, not a defect.
 */
public final class Refusal extends RuntimeException {

    /** What kind of refusal, and the HTTP status it is answered with. */
    public enum Kind {
        /** The request is malformed or out of range. */
        INVALID(400),
        /** The request is well formed but the user may not do it. */
        FORBIDDEN(403),
        /** What the request names does not exist, or not among the user's. */
        NOT_FOUND(404),
        /** The request contradicts the current state (an id used for something else, a limit). */
        CONFLICT(409);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** The kind a status stands for; INVALID for any other 4xx. */
        public static Kind ofStatus(int status) {
            for (Kind kind : values()) {
                if (kind.status == status) {
                    return kind;
                }
            }
            return INVALID;
        }
    }

    private final Kind kind;
    private final ErrorCode code;

    /**
     * @param code the error frame's code when the refused request came from a socket; null for
     *     refusals only REST requests meet
     */
    public Refusal(Kind kind, ErrorCode code, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public static Refusal invalid(String detail) {
        return new Refusal(Kind.INVALID, ErrorCode.INVALID_FIELD, detail);
    }

    public static Refusal forbidden(ErrorCode code, String detail) {
        return new Refusal(Kind.FORBIDDEN, code, detail);
    }

    public static Refusal notFound(ErrorCode code, String detail) {
        return new Refusal(Kind.NOT_FOUND, code, detail);
    }

    public static Refusal conflict(ErrorCode code, String detail) {
        return new Refusal(Kind.CONFLICT, code, detail);
    }

    public Kind kind() {
        return kind;
    }

    public int status() {
        return kind.status();
    }

    /** The socket error code; null when the refusal has none. */
    public ErrorCode code() {
        return code;
    }
}
