package dev.chat.common.internal;

import java.util.List;

/**
 * gateway → message-service: the operations of many sockets, gathered while earlier batches were
 * in flight ({@code POST /internal/v1/batches}). message-service carries them out independently
 * of each other and answers one {@link OperationResult} per operation, in the same order. A
 * gateway puts at most one send of a socket in a batch, so the sends of a socket stay in order.
 */
public record OperationBatch(List<Operation> operations) {
}
