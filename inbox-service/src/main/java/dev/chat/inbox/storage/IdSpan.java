package dev.chat.inbox.storage;

import dev.chat.common.ids.TimeUuids;
import java.util.List;
import java.util.UUID;

/** The oldest and newest of some message ids: the range one read covers to learn something about each of them. */
record IdSpan(UUID oldest, UUID newest) {

    /** The span of {@code messageIds}, which must not be empty. */
    static IdSpan of(List<UUID> messageIds) {
        return new IdSpan(messageIds.stream().min(TimeUuids::compare).orElseThrow(),
                messageIds.stream().max(TimeUuids::compare).orElseThrow());
    }
}
