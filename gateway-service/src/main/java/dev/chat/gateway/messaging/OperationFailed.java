package dev.chat.gateway.messaging;

/**
 * message-service could not carry out one operation of a batch (a 5xx result, such as a Cassandra
 * timeout): unlike a refusal, it may have been partly done, and the client sends the same frame
 * again (sends are idempotent by their client id).
 */
public final class OperationFailed extends RuntimeException {

    public OperationFailed(int status, String detail) {
        super("message-service answered " + status + ": " + detail, null, false, false);
    }
}
