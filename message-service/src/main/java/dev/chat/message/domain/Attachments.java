package dev.chat.message.domain;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import dev.chat.common.errors.Refusal;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.protocol.Attachment;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.message.config.MessageServiceConfig;
import dev.chat.message.storage.AttachmentStore;
import dev.chat.message.storage.ChatMessages;
import dev.chat.message.storage.GroupStore;
import dev.chat.message.storage.ObjectStore;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Attachments: upload slots and download links for files kept in the object store
 * ({@link ObjectStore}), never passing through the services.
 *
 * <p>A user asks for an upload slot giving the file's content type, size and SHA-256 digest; the
 * answer is a pre-signed PUT URL that accepts exactly that size and type, valid for
 * {@code chat.media.upload-url-ttl}. A download link is a pre-signed GET URL valid for
 * {@code chat.media.download-url-ttl}, given only to a user who may see the attachment and only
 * once the upload is complete: its uploader, and once a message carries it, whoever may read that
 * message (the other user of a one-to-one chat; a group's current members), until the message is
 * deleted for everyone, which deletes the file too. The digest is not checked by the store: it is
 * handed to whoever downloads the file, whose client checks it, so a file changed in the store is
 * noticed.
 *
 * <p>A message may carry an attachment its sender uploaded ({@link #requireSendable}): the
 * descriptor must match the slot, the upload must be complete, and it must not have been sent in
 * another chat. Checking costs a read of the attachment's row and a HEAD request to the store.
 */
@ApplicationScoped
public class Attachments {

    private static final Pattern CONTENT_TYPE = Pattern.compile("[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** A slot to upload one file to. */
    public record UploadSlot(UUID attachmentId, URL uploadUrl, Map<String, String> uploadHeaders, Instant expiresAt) {
    }

    /** Where to download a file from, with what the downloader checks it against. */
    public record DownloadLink(UUID attachmentId, String contentType, long size, String sha256, URL downloadUrl,
            Instant expiresAt) {
    }

    private final AttachmentStore store;
    private final ObjectStore objects;
    private final GroupStore groups;
    private final ChatMessages messages;
    private final long maxSize;
    private final List<String> contentTypes;
    private final Duration uploadTtl;
    private final Duration downloadTtl;

    public Attachments(AttachmentStore store, ObjectStore objects, GroupStore groups, ChatMessages messages,
            MessageServiceConfig config) {
        this.store = store;
        this.objects = objects;
        this.groups = groups;
        this.messages = messages;
        this.maxSize = config.media().maxSize();
        this.contentTypes = config.media().contentTypes().stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
        this.uploadTtl = config.media().uploadUrlTtl();
        this.downloadTtl = config.media().downloadUrlTtl();
    }

    /** A new upload slot for {@code owner}; refused (400) when the type, size or digest is not one allowed. */
    public Uni<UploadSlot> newUpload(UUID owner, String contentType, long size, String sha256) {
        String type = requireContentType(contentType);
        if (size < 1 || size > maxSize) {
            throw Refusal.invalid("size must be 1 to " + maxSize + " bytes");
        }
        String digest = sha256 == null ? "" : sha256.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(digest).matches()) {
            throw Refusal.invalid("sha256 must be the file's SHA-256 digest: 64 hexadecimal digits");
        }
        // Time-based: the id says when the slot was handed out, which is where the unreferenced queue keeps it.
        UUID id = Uuids.timeBased();
        AttachmentStore.Attachment attachment = new AttachmentStore.Attachment(id, owner, type, size, digest, null, null);
        return store.insert(attachment).map(ignored -> {
            ObjectStore.SignedUpload signed = objects.signUpload(attachment.key(), type, size, uploadTtl);
            return new UploadSlot(attachment.attachmentId(), signed.url(), signed.headers(), signed.expiresAt());
        });
    }

    /**
     * Fails with {@code unknown_attachment} (404) unless {@code sender} uploaded the attachment as
     * {@code ref} describes it, the upload is complete, and no message of another chat carries it;
     * {@code invalid_field} (400) when the descriptor contradicts the slot.
     */
    public Uni<Void> requireSendable(UUID sender, UUID chatId, Attachment ref) {
        return store.find(ref.id()).chain(found -> {
            if (found.isEmpty() || !found.get().ownerId().equals(sender)) {
                throw Refusal.notFound(ErrorCode.UNKNOWN_ATTACHMENT, "no attachment " + ref.id() + " among your uploads");
            }
            AttachmentStore.Attachment a = found.get();
            if (!a.contentType().equals(ref.contentType()) || !Long.valueOf(a.size()).equals(ref.size())
                    || !a.sha256().equals(ref.sha256())) {
                throw Refusal.invalid("the attachment's contentType, size and sha256 must be those its upload slot was given");
            }
            if (a.chatId() != null && !a.chatId().equals(chatId)) {
                throw Refusal.notFound(ErrorCode.UNKNOWN_ATTACHMENT, "attachment " + ref.id()
                        + " was sent in another chat: upload the file again to send it here");
            }
            return objects.sizeOf(a.key()).invoke(size -> {
                if (size.isEmpty() || size.get() != a.size()) {
                    throw Refusal.notFound(ErrorCode.UNKNOWN_ATTACHMENT, "attachment " + ref.id()
                            + " has not been uploaded yet: PUT the file to its upload URL first");
                }
            }).replaceWithVoid();
        });
    }

    /**
     * Deletes the file a message deleted for everyone carried, and its row; nothing when it
     * carried none. Safe to run again.
     */
    public Uni<Void> removeWith(UUID chatId, UUID messageId) {
        return messages.find(chatId, messageId).chain(found -> {
            UUID attachmentId = found.map(ChatMessages.Found::attachmentId).orElse(null);
            return attachmentId == null ? Uni.createFrom().voidItem()
                    : objects.delete(attachmentId.toString()).chain(() -> store.delete(attachmentId));
        });
    }

    /**
     * A download link for {@code user}, who may see the attachment (above), once its upload is
     * complete. Anything else answers 404 alike, so that attachment ids cannot be probed; an
     * upload still missing answers 409.
     */
    public Uni<DownloadLink> downloadLink(UUID user, UUID attachmentId) {
        return store.find(attachmentId).chain(found -> (found.isEmpty() ? Uni.createFrom().item(false)
                : maySee(user, found.get())).chain(allowed -> {
            if (!allowed) {
                throw Refusal.notFound(null, "no attachment " + attachmentId + " among those you may see");
            }
            AttachmentStore.Attachment a = found.get();
            return objects.sizeOf(a.key()).map(size -> {
                if (size.isEmpty()) {
                    throw Refusal.conflict(null, "attachment " + attachmentId + " has not been uploaded yet");
                }
                Instant expiresAt = Instant.now().plus(downloadTtl);
                return new DownloadLink(attachmentId, a.contentType(), a.size(), a.sha256(),
                        objects.signDownload(a.key(), downloadTtl), expiresAt);
            });
        }));
    }

    /**
     * Its uploader, and, once a message carries it and while that message is not deleted, the
     * chat's other user or the group's current members. Costs no read for the uploader and the
     * other user of a one-to-one chat (the chat's id is derived from both users), one for a group.
     */
    private Uni<Boolean> maySee(UUID user, AttachmentStore.Attachment a) {
        if (a.ownerId().equals(user)) {
            return Uni.createFrom().item(true);
        }
        if (a.chatId() == null) {
            return Uni.createFrom().item(false);
        }
        Uni<Boolean> inChat = ChatIds.isDirect(a.chatId())
                ? Uni.createFrom().item(!user.equals(a.ownerId()) && ChatIds.direct(user, a.ownerId()).equals(a.chatId()))
                : groups.find(a.chatId()).map(group -> group.isPresent() && group.get().isMember(user));
        return inChat.chain(member -> !member ? Uni.createFrom().item(false)
                : messages.find(a.chatId(), a.messageId()).map(message -> message.isPresent() && !message.get().deleted()));
    }

    private String requireContentType(String contentType) {
        String type = contentType == null ? "" : contentType.trim().toLowerCase(Locale.ROOT);
        if (!CONTENT_TYPE.matcher(type).matches()) {
            throw Refusal.invalid("contentType must be a media type such as image/jpeg");
        }
        String family = type.substring(0, type.indexOf('/') + 1) + "*";
        if (!contentTypes.contains(type) && !contentTypes.contains(family) && !contentTypes.contains("*/*")) {
            throw Refusal.invalid("contentType " + type + " is not accepted; accepted: " + String.join(", ", contentTypes));
        }
        return type;
    }
}
