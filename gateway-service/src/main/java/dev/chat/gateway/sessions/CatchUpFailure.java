package dev.chat.gateway.sessions;

import jakarta.ws.rs.WebApplicationException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** Why loading pending messages failed: in words for the client, and in detail for the log. */
final class CatchUpFailure {

    private CatchUpFailure() {
    }

    /** For the client: what went wrong, with no internal names. */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof WebApplicationException web && web.getResponse() != null) {
                int status = web.getResponse().getStatus();
                return status >= 500 ? "the message store failed (status " + status + ")"
                        : "the message store refused the request (status " + status + ")";
            }
            if (cause instanceof TimeoutException || cause.getClass().getSimpleName().contains("Timeout")) {
                return "the message store did not answer in time";
            }
            if (cause instanceof ConnectException || cause.getClass().getSimpleName().contains("Closed")) {
                return "the message store could not be reached";
            }
        }
        return "the message store could not be reached";
    }

    /** For the log: the failure and its causes. */
    static String detail(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable cause = failure; cause != null && out.length() < 1000; cause = cause.getCause()) {
            if (!out.isEmpty()) {
                out.append(" <- ");
            }
            out.append(cause.getClass().getName()).append(": ").append(cause.getMessage());
        }
        return out.toString();
    }
}
