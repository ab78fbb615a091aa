package dev.chat.message.domain;

import dev.chat.common.ids.TimeUuids;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.SendResponse;
import dev.chat.message.storage.ChatMessages;
import dev.chat.message.storage.ClientSendStore;
import dev.chat.message.storage.GroupMessageStore;
import dev.chat.message.storage.GroupStore;
import io.smallrye.mutiny.Uni;
import dev.chat.common.errors.Refusal;
import dev.chat.common.protocol.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends a member's message to a group.
 *
 * <p>Only current members may send: membership is read from the group row on every send (no
 * cache), so a removed member's next send is refused at once ({@code not_a_member}, 404, the
 * same as for a group that does not exist). The message reaches the members of the moment it is
 * stored. A resend (same client id, marked as a resend) is answered with the stored id and its
 * fan-out is run again, which completes a fan-out that an earlier attempt left unfinished and changes nothing
 * otherwise; another message under the same id (another group or body) is refused ({@link SendIds}). Attempts of one send at the same moment are stored once, as for one-to-one sends
 * ({@link MessageSender}).
 */
@ApplicationScoped
public class GroupMessageSender {

    private final ClientSendStore clientSends;
    private final GroupStore groups;
    private final GroupMessageStore messages;
    private final GroupFanOut fanOut;
    private final SendAttempts attempts;
    private final MessageIds ids;
    private final ChatMessages chatMessages;
    private final ActionRules rules;
    private final Attachments attachments;

    public GroupMessageSender(ClientSendStore clientSends, GroupStore groups, GroupMessageStore messages,
            GroupFanOut fanOut, SendAttempts attempts, MessageIds ids, ChatMessages chatMessages, ActionRules rules,
            Attachments attachments) {
        this.attachments = attachments;
        this.chatMessages = chatMessages;
        this.rules = rules;
        this.attempts = attempts;
        this.ids = ids;
        this.clientSends = clientSends;
        this.groups = groups;
        this.messages = messages;
        this.fanOut = fanOut;
    }

    public Uni<SendResponse> send(SendRequest request) {
        return send(request, GroupFanOut.NO_TURN);
    }

    /**
     * Sends the message, publishing it only once {@code turn} (the outcome of the send to publish
     * before it) is known; everything before the publishing runs at once ({@link GroupFanOut}).
     */
    public Uni<SendResponse> send(SendRequest request, Uni<?> turn) {
        return attempts.joinOrRun(request, () -> attempt(request, turn));
    }

    private Uni<SendResponse> attempt(SendRequest request, Uni<?> turn) {
        UUID groupId = request.groupId();
        // Chosen before anything runs: sends started one after another get ids in that order
        // even when their reads complete in another.
        UUID messageId = ids.chosenOrNew(request.messageId());
        return groups.find(groupId).chain(found -> {
            if (found.isEmpty() || !found.get().isMember(request.senderId())) {
                throw Refusal.notFound(ErrorCode.NOT_A_MEMBER, "no group " + groupId + " among yours");
            }
            Group group = found.get();
            return sendOrComplete(group, request, messageId, turn);
        });
    }

    /** A reply's message must be one of the group's that can be answered ({@link ActionRules}); one read, for replies only. */
    private Uni<Void> requireReplyable(SendRequest request) {
        if (request.replyTo() == null) {
            return Uni.createFrom().voidItem();
        }
        return chatMessages.find(request.groupId(), request.replyTo())
                .invoke(found -> rules.requireReplyable(found, request.replyTo())).replaceWithVoid();
    }

    private Uni<SendResponse> sendOrComplete(Group group, SendRequest request, UUID messageId, Uni<?> turn) {
        UUID groupId = group.groupId();
        Uni<Optional<ClientSendStore.PriorSend>> earlierAttempt = request.resend()
                ? clientSends.find(request.senderId(), request.clientMessageId())
                : Uni.createFrom().item(Optional.empty());
        return earlierAttempt.chain(earlier -> {
            if (earlier.isPresent() && (!earlier.get().chatId().equals(groupId) || earlier.get().action() != null)) {
                throw SendIds.reused(request.clientMessageId()); // the id was used in another chat, or for an action
            }
            if (earlier.isPresent()) {
                return completeEarlier(group, earlier.get().messageId(), request, turn);
            }
            GroupMessage message = new GroupMessage(groupId, messageId, request.senderId(),
                    request.senderDeviceId(), request.clientMessageId(), request.body(), null, null, request.replyTo(),
                    request.attachment());
            return requireReplyable(request)
                    .chain(() -> request.attachment() == null ? Uni.createFrom().voidItem()
                            : attachments.requireSendable(request.senderId(), groupId, request.attachment()))
                    .chain(() -> fanOut.deliver(message, group.members().keySet(), turn))
                    .replaceWith(new SendResponse(message.messageId(), groupId, message.sentAt(), false));
        });
    }

    private Uni<SendResponse> completeEarlier(Group group, UUID messageId, SendRequest request, Uni<?> turn) {
        return messages.find(group.groupId(), messageId, request.senderDeviceId()).chain(stored -> {
            SendResponse answer = new SendResponse(messageId, group.groupId(), TimeUuids.instantOf(messageId), true);
            if (stored.isEmpty()) {
                return Uni.createFrom().item(answer);
            }
            if (!SendIds.sameBody(stored.get().body(), request)) {
                throw SendIds.reused(request.clientMessageId());
            }
            return fanOut.fanOutAndPublish(stored.get(), group.members().keySet(), turn).replaceWith(answer);
        });
    }
}
