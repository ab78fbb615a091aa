package dev.chat.message.storage;

import dev.chat.common.ids.TimeUuids;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * What a pending row of a message holds, whichever device it is for.
 *
 * @param kind a group's system event (lower case), null for a member's message
 * @param subjectId the member a system message is about, else null
 * @param replyTo the message a reply answers, else null
 * @param targetId the message an action (kind {@code react}, {@code edit}, {@code delete}) acts on, else null
 * @param attachment the file the message carries, as its stored JSON ({@code AttachmentColumn}), else null
 */
public record PendingRow(UUID messageId, UUID chatId, UUID senderId, String body, String kind, UUID subjectId,
        UUID replyTo, UUID targetId, String attachment) {

    /**
     * The write time of every pending row of this message: the message's own time, in
     * microseconds. A device's acknowledgement deletes its row later than that, so a repeated
     * write of the row (a retried send, a re-run fan-out, a claim resumed after a crash) can
     * never bring back a row the device has acknowledged.
     */
    public long writeTime() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, TimeUuids.instantOf(messageId));
    }
}
