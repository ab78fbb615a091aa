package dev.chat.message.domain;

import java.util.List;
import java.util.UUID;

/**
 * What came of one {@code delivered} of several carried out together (a gateway's batch): the ids
 * that count (received by the device and now delivered), or why it failed.
 */
record Acknowledgement(List<UUID> ids, Throwable failure) {

    static Acknowledgement of(List<UUID> ids) {
        return new Acknowledgement(ids, null);
    }

    static Acknowledgement failed(Throwable failure) {
        return new Acknowledgement(null, failure);
    }

    /** Acknowledged ids to write: it did not fail and counts at least one. */
    boolean hasIdsToWrite() {
        return failure == null && !ids.isEmpty();
    }

    /** This one if it has nothing to write, else the failure of the write it was part of. */
    Acknowledgement orWriteFailed(Throwable writeFailure) {
        return hasIdsToWrite() ? failed(writeFailure) : this;
    }

    List<UUID> idsOrThrow() {
        return Outcomes.valueOrThrow(ids, failure);
    }
}
