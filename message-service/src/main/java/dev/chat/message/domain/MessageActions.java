package dev.chat.message.domain;

import dev.chat.common.errors.Refusal;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.SendResponse;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.common.protocol.MessageAction;
import dev.chat.message.events.EventPublisher;
import dev.chat.message.storage.ActionStore;
import dev.chat.message.storage.ChatMessages;
import dev.chat.message.storage.ClientSendStore;
import dev.chat.message.storage.DeviceDirectory;
import dev.chat.message.storage.GroupStore;
import dev.chat.message.storage.InboxRows;
import dev.chat.message.storage.UnclaimedMessages;
import dev.chat.message.storage.UserDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reactions, edits and deletions for everyone, in one-to-one chats and groups, with the guarantees
 * of a message (docs/protocol.md, *Message actions*).
 *
 * <p>Guarantees: when the returned Uni completes, the message's row shows the action (its
 * reactions, its new body, its tombstone), the action's pending row is written for every device
 * of the chat's other participants (in a group, the actor's other devices too), and Kafka has the
 * event, which delivery-service pushes to their connected devices. An action is taken at most
 * once per client send id: a resend ({@code resend: true}) is answered with the first attempt's
 * id and completes what that attempt left undone (its pending rows, its event); another action
 * (or a message) under the same id is refused with {@code id_reused}. The rules of who may do what
 * until when are {@link ActionRules}'; an action costs one read of the message it names (and, for
 * an edit or deletion in a one-to-one chat, one of the actor's inbox row, to know whether the
 * preview changes).
 *
 * <p>Order: an action's id is taken from its gateway's proposal like a message's, in the order of
 * the socket's frames, and it is published only after {@code turn} (the send before it in the
 * same chat of the same batch), so a device gets a chat's messages and actions in the order they
 * were sent. Limit: an edit or deletion of a one-to-one chat's last message that races a new
 * message of the chat can leave the inbox showing the edited message as the last one until the
 * chat's next message (docs/data-model.md).
 */
@ApplicationScoped
public class MessageActions {

    /** Where an action happens: its chat, who gets it, and whether the actor is a group admin. */
    private record Chat(UUID chatId, boolean group, List<UUID> recipients, boolean actorIsAdmin) {
    }

    private final ClientSendStore clientSends;
    private final GroupStore groups;
    private final UserDirectory users;
    private final Blocks blocks;
    private final ChatMessages messages;
    private final InboxRows inbox;
    private final ActionRules rules;
    private final ActionStore store;
    private final DeviceDirectory devices;
    private final UnclaimedMessages unclaimed;
    private final EventPublisher publisher;
    private final SendAttempts attempts;
    private final MessageIds ids;
    private final Attachments attachments;

    public MessageActions(ClientSendStore clientSends, GroupStore groups, UserDirectory users, Blocks blocks,
            ChatMessages messages, InboxRows inbox, ActionRules rules, ActionStore store, DeviceDirectory devices,
            UnclaimedMessages unclaimed, EventPublisher publisher, SendAttempts attempts, MessageIds ids,
            Attachments attachments) {
        this.attachments = attachments;
        this.clientSends = clientSends;
        this.groups = groups;
        this.users = users;
        this.blocks = blocks;
        this.messages = messages;
        this.inbox = inbox;
        this.rules = rules;
        this.store = store;
        this.devices = devices;
        this.unclaimed = unclaimed;
        this.publisher = publisher;
        this.attempts = attempts;
        this.ids = ids;
    }

    /** What an action request stores as its body: the emoji, the new body, or nothing for a deletion. */
    public static String bodyOf(SendRequest request) {
        return request.messageAction() == MessageAction.DELETE ? null : request.body();
    }

    /** Takes the action; it is published once {@code turn} has an outcome. */
    public Uni<SendResponse> act(SendRequest request, Uni<?> turn) {
        return attempts.joinOrRun(request, () -> attempt(request, turn));
    }

    private Uni<SendResponse> attempt(SendRequest request, Uni<?> turn) {
        // Chosen before anything runs, as for messages: a socket's frames get ids in their order.
        UUID actionId = TimeUuids.asActionId(ids.chosenOrNew(request.messageId()));
        return chatOf(request).chain(chat -> {
            Uni<Optional<ClientSendStore.PriorSend>> earlier = request.resend()
                    ? clientSends.find(request.senderId(), request.clientMessageId())
                    : Uni.createFrom().item(Optional.empty());
            return earlier.chain(prior -> prior.isPresent() ? completeEarlier(chat, prior.get(), request, turn)
                    : messages.find(chat.chatId(), request.target()).chain(found -> {
                        ChatMessages.Found target = rules.requireAllowed(request.messageAction(), found, request.target(),
                                request.senderId(), chat.actorIsAdmin(), TimeUuids.instantOf(actionId));
                        StoredAction action = new StoredAction(chat.chatId(), actionId, request.senderId(),
                                request.senderDeviceId(), request.clientMessageId(), request.messageAction(), request.target(),
                                bodyOf(request));
                        return inboxOwners(chat, action)
                                .chain(owners -> store.store(action, target.senderId(), owners))
                                .chain(() -> fanOutAndPublish(chat, action, turn))
                                .replaceWith(new SendResponse(actionId, chat.chatId(), action.takenAt(), false));
                    }));
        });
    }

    /** The chat, when the actor takes part in it; a one-to-one chat also needs no block between the two. */
    private Uni<Chat> chatOf(SendRequest request) {
        UUID actor = request.senderId();
        if (request.groupId() != null) {
            return groups.find(request.groupId()).map(found -> {
                if (found.isEmpty() || !found.get().isMember(actor)) {
                    throw Refusal.notFound(ErrorCode.NOT_A_MEMBER, "no group " + request.groupId() + " among yours");
                }
                return new Chat(request.groupId(), true, List.copyOf(found.get().members().keySet()), found.get().isAdmin(actor));
            });
        }
        UUID peer = request.recipientId();
        return Uni.combine().all().unis(users.isRegistered(peer), blocks.requireNoneBetween(actor, peer).replaceWith(true))
                .asTuple().map(checked -> {
                    if (!checked.getItem1()) {
                        throw Refusal.notFound(ErrorCode.UNKNOWN_RECIPIENT, "no registered user " + peer);
                    }
                    return new Chat(ChatIds.direct(actor, peer), false, List.of(peer), false);
                });
    }

    /**
     * Whose inbox preview the action changes: both users of a one-to-one chat when it edits or
     * deletes the chat's last message; nobody otherwise (a group's preview is derived from its
     * messages when the inbox is read, so it follows by itself).
     */
    private Uni<List<UUID>> inboxOwners(Chat chat, StoredAction action) {
        if (chat.group() || action.action() == MessageAction.REACT) {
            return Uni.createFrom().item(List.of());
        }
        return inbox.read(action.actorId(), chat.chatId()).map(row -> row.isPresent()
                && action.target().equals(row.get().lastMessageId()) ? List.of(action.actorId(), chat.recipients().get(0))
                : List.of());
    }

    /** A resend whose first attempt was stored: the same action again completes it, anything else is a reused id. */
    private Uni<SendResponse> completeEarlier(Chat chat, ClientSendStore.PriorSend prior, SendRequest request, Uni<?> turn) {
        if (!prior.chatId().equals(chat.chatId()) || !SendIds.sameAction(prior, request)) {
            return Uni.createFrom().failure(SendIds.reused(request.clientMessageId()));
        }
        StoredAction action = new StoredAction(chat.chatId(), prior.messageId(), request.senderId(), request.senderDeviceId(),
                request.clientMessageId(), request.messageAction(), prior.target(), prior.body());
        return fanOutAndPublish(chat, action, turn)
                .replaceWith(new SendResponse(prior.messageId(), chat.chatId(), action.takenAt(), true));
    }

    /**
     * The pending rows on every device it is for, those of users without devices settled
     * ({@link UnclaimedMessages#settleDeviceless}), for a deletion the file of the message
     * ({@link Attachments#removeWith}), then the event once {@code turn} is done.
     */
    private Uni<Void> fanOutAndPublish(Chat chat, StoredAction action, Uni<?> turn) {
        return devices.devicesOfEach(chat.recipients())
                .chain(byUser -> store.fanOut(action, byUser)
                        .chain(() -> unclaimed.settleDeviceless(byUser, action.actorId(), action.pendingRow())))
                .chain(() -> action.action() == MessageAction.DELETE ? attachments.removeWith(chat.chatId(), action.target())
                        : Uni.createFrom().voidItem())
                .chain(() -> turn.onItemOrFailure().transformToUni((item, failure) ->
                        publisher.actionStored(action, chat.recipients(), chat.group())));
    }
}
