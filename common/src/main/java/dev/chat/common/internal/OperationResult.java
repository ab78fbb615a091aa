package dev.chat.common.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * message-service → gateway: the outcome of one {@link Operation}, with the HTTP status its own
 * endpoint would have answered (201 or 200 for a send, 200 or 204 otherwise; 400, 404 or 503 when
 * it failed, with {@code detail}).
 *
 * @param sent for a send that succeeded: the stored message
 * @param delivered for a delivered receipt: the ids that were pending for the device
 * @param code for a refused operation ({@link dev.chat.common.errors.Refusal}): the error frame's
 *     code, lower case ({@link dev.chat.common.protocol.ErrorCode#wire()}); absent otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationResult(int status, SendResponse sent, List<UUID> delivered, String detail, String code) {

    public OperationResult(int status, SendResponse sent, List<UUID> delivered, String detail) {
        this(status, sent, delivered, detail, null);
    }

    public boolean succeeded() {
        return status >= 200 && status < 300;
    }
}
