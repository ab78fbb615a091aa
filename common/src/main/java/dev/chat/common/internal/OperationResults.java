package dev.chat.common.internal;

import java.util.List;

/** message-service → gateway: the result of each operation of an {@link OperationBatch}, in its order. */
public record OperationResults(List<OperationResult> results) {
}
