package dev.chat.support.cassandra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.protocol.Attachment;

/**
 * An attachment's descriptor as the {@code attachment text} columns of {@code messages} and
 * {@code pending_messages} hold it: JSON. One home, because message-service writes it and
 * inbox-service reads it.
 */
public final class AttachmentColumn {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AttachmentColumn() {
    }

    /** The column's value for {@code attachment}; null for null. */
    public static String write(Attachment attachment) {
        if (attachment == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(attachment);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a plain record always serialises", e);
        }
    }

    /** The descriptor a column holds; null for null. */
    public static Attachment read(String json) {
        if (json == null) {
            return null;
        }
        try {
            return JSON.readValue(json, Attachment.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored attachment descriptor is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
