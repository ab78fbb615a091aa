package dev.chat.common.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A file a message carries: uploaded beforehand to an upload slot ({@code POST /v1/attachments}),
 * downloaded by whoever may see the message through {@code GET /v1/attachments/{id}}. The same
 * descriptor is in the send, the pushed message, the pending row and the history.
 *
 * @param id the attachment id of the upload slot
 * @param contentType its media type, as the slot was given
 * @param size its size in bytes, as the slot was given
 * @param sha256 its SHA-256 digest (64 lower-case hexadecimal digits): the downloading client checks the bytes against it
 * @param thumbnail a small preview, base64 (at most {@link Limits#MAX_THUMBNAIL_CHARS} characters); absent when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attachment(UUID id, String contentType, Long size, String sha256, String thumbnail) {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]*={0,2}");

    /** What is wrong with this descriptor as a send carries it, or null when nothing is: one rule for the socket and the internal API. */
    public String problem() {
        if (id == null || id.version() != 1) {
            return "attachment.id must be the attachmentId of an upload slot";
        }
        if (contentType == null || contentType.isBlank() || contentType.length() > 127) {
            return "attachment.contentType must be the media type the upload slot was given";
        }
        if (size == null || size < 1) {
            return "attachment.size must be the file's size in bytes";
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            return "attachment.sha256 must be the file's SHA-256 digest: 64 lower-case hexadecimal digits";
        }
        if (thumbnail != null && (thumbnail.length() > Limits.MAX_THUMBNAIL_CHARS || !BASE64.matcher(thumbnail).matches())) {
            return "attachment.thumbnail must be base64, at most " + Limits.MAX_THUMBNAIL_CHARS + " characters";
        }
        return null;
    }
}
