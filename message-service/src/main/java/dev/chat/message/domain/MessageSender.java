package dev.chat.message.domain;

import dev.chat.common.ids.ChatIds;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.SendResponse;
import dev.chat.message.events.EventPublisher;
import dev.chat.message.storage.ChatMessages;
import dev.chat.message.storage.ClientSendStore;
import dev.chat.message.storage.DeviceDirectory;
import dev.chat.message.storage.MessageStore;
import dev.chat.message.storage.UnclaimedMessages;
import dev.chat.message.storage.UserDirectory;
import io.smallrye.mutiny.Uni;
import dev.chat.common.errors.Refusal;
import dev.chat.common.protocol.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

/**
 * Stores a one-to-one message, then publishes it for delivery.
 *
 * <p>Guarantees: when the returned Uni completes, the message row, both inbox rows, a pending row
 * for every device of the recipient and the record of the client's send id are durable in
 * Cassandra ({@link MessageStore}), and Kafka has acknowledged the event. If a step fails the Uni
 * fails and the sender gets no id; it then resends with the same client message id, marked as a
 * resend ({@link SendRequest#resend}): only then is {@code client_sends} read, so a first attempt
 * costs no read. A resend of a send that was stored is answered with the stored id, writes the
 * pending rows again (completing a store that stopped between its two writes; rows that exist or
 * were acknowledged stay as they are) and publishes the message again, unless it is another
 * message under the same id (another recipient or body: refused, {@link SendIds}). Publishing
 * again is what delivers a first attempt that was stored but whose publish failed (a Kafka broker
 * cut off): without it the recipient's connected devices had the message only at their next
 * connection (docs/reliability.md). When the first publish did succeed, the message is pushed
 * twice; clients de-duplicate by message id (docs/protocol.md).
 *
 * <p>A message to a user who has no device yet is stored as unclaimed, and then settled
 * ({@link UnclaimedMessages#settle}): if a device appeared meanwhile, the message moves to it
 * before the send completes, so that its live push counts as delivered.
 *
 * <p>A send to a user id that no account has is refused ({@code unknown_recipient}, 404) and
 * stores nothing: a message to nobody would sit in an unclaimed pending row until it expired. A
 * send between two users one of whom has blocked the other is refused ({@code blocked}, 403;
 * {@link Blocks}) and stores nothing; a resend of a message stored before the block is answered
 * with its id as any resend.
 *
 * <p>Two attempts of one send at the same moment (a client resending after a timeout while its
 * first attempt is still being stored) are stored once: on one instance the second joins the first
 * ({@link SendAttempts}); across instances both write the same rows under the message id the
 * gateway proposed for every attempt ({@link MessageIds}). The one case left: the first attempt's
 * gateway died and the resend, through another gateway (which knows no proposed id), reaches
 * another instance before the first attempt's rows are written there (docs/protocol.md).
 */
@ApplicationScoped
public class MessageSender {

    private final ClientSendStore clientSends;
    private final DeviceDirectory devices;
    private final UserDirectory users;
    private final MessageStore store;
    private final EventPublisher publisher;
    private final UnclaimedMessages unclaimed;
    private final SendAttempts attempts;
    private final MessageIds ids;
    private final Blocks blocks;
    private final ChatMessages chatMessages;
    private final ActionRules rules;
    private final Attachments attachments;

    public MessageSender(ClientSendStore clientSends, DeviceDirectory devices, UserDirectory users,
            MessageStore store, EventPublisher publisher, UnclaimedMessages unclaimed, SendAttempts attempts,
            MessageIds ids, Blocks blocks, ChatMessages chatMessages, ActionRules rules, Attachments attachments) {
        this.attachments = attachments;
        this.chatMessages = chatMessages;
        this.rules = rules;
        this.blocks = blocks;
        this.unclaimed = unclaimed;
        this.attempts = attempts;
        this.ids = ids;
        this.clientSends = clientSends;
        this.devices = devices;
        this.users = users;
        this.store = store;
        this.publisher = publisher;
    }

    public Uni<SendResponse> send(SendRequest request) {
        return sendTogether(List.of(request)).get(0);
    }

    /**
     * Sends several messages (a gateway's coalesced sends) with the guarantees of {@link #send}
     * for each: their rows share logged batches ({@link MessageStore#storeTogether}), and their
     * events are published in the order of their ids once all are stored, so the messages of one
     * chat reach Kafka in the order of their ids. A send whose earlier attempt is still in flight
     * on this instance ({@link SendAttempts}) is not stored again: it gets that attempt's outcome.
     *
     * <p>The sends are claimed at once ({@link SendAttempts#inFlightOrClaim}): the caller must
     * subscribe to every returned Uni.
     *
     * @return one Uni per request, in the order given; each fails alone (an unknown recipient) or
     *     with the messages that shared its batch (a Cassandra or Kafka failure). Those not joined to
     *     an earlier attempt are one piece of work, done at the first subscription.
     */
    public List<Uni<SendResponse>> sendTogether(List<SendRequest> requests) {
        List<Uni<SendResponse>> responses = new ArrayList<>(requests.size());
        List<SendRequest> claimed = new ArrayList<>(requests.size());
        List<Integer> claimedAt = new ArrayList<>(requests.size());
        for (SendRequest request : requests) {
            Uni<SendResponse> earlier = attempts.inFlightOrClaim(request);
            if (earlier == null) {
                claimedAt.add(responses.size());
                claimed.add(request);
            }
            responses.add(earlier); // a claimed send's response is filled in below
        }
        if (claimed.isEmpty()) {
            return responses;
        }
        Uni<List<Outcome>> outcomes = Uni.join().all(claimed.stream().map(this::prepare).toList()).andFailFast()
                .chain(this::storeAndPublish)
                .onItemOrFailure().invoke((all, failure) -> finished(claimed, all, failure))
                .onCancellation().invoke(() -> finished(claimed, null, new CancellationException("abandoned")))
                .memoize().indefinitely();
        for (int i = 0; i < claimed.size(); i++) {
            int index = i;
            responses.set(claimedAt.get(i), outcomes.map(all -> all.get(index).responseOrThrow()));
        }
        return responses;
    }

    private void finished(List<SendRequest> claimed, List<Outcome> outcomes, Throwable failure) {
        for (int i = 0; i < claimed.size(); i++) {
            SendRequest request = claimed.get(i);
            Outcome outcome = outcomes == null ? null : outcomes.get(i);
            attempts.finished(request.senderId(), request.clientMessageId(), outcome == null ? null : outcome.response(),
                    outcome == null ? failure : outcome.failure());
        }
    }

    /** What became of one request: its answer or its failure. */
    private record Outcome(SendResponse response, Throwable failure, SendRequest toStore, List<String> devices) {
        static Outcome answered(SendResponse response) {
            return new Outcome(response, null, null, null);
        }

        static Outcome failed(Throwable failure) {
            return new Outcome(null, failure, null, null);
        }

        static Outcome toStore(SendRequest request, List<String> devices) {
            return new Outcome(null, null, request, devices);
        }

        SendResponse responseOrThrow() {
            return Outcomes.valueOrThrow(response, failure);
        }
    }

    /** A resend is completed on its own; a first attempt is resolved to a message to store. */
    private Uni<Outcome> prepare(SendRequest request) {
        Uni<Outcome> prepared;
        if (request.resend()) {
            prepared = clientSends.find(request.senderId(), request.clientMessageId()).chain(earlier -> earlier.isPresent()
                    ? completeEarlier(request, earlier.get()).map(Outcome::answered) : resolve(request));
        } else {
            prepared = resolve(request);
        }
        return prepared.onFailure().recoverWithItem(Outcome::failed);
    }

    private Uni<Outcome> resolve(SendRequest request) {
        // The lookups are usually cache hits; when not, they go to Cassandra side by side.
        return Uni.combine().all().unis(users.isRegistered(request.recipientId()), devices.devicesOf(request.recipientId()),
                        blocks.requireNoneBetween(request.senderId(), request.recipientId()).replaceWith(Boolean.TRUE),
                        requireReplyable(request), requireAttachment(request))
                .asTuple().map(found -> {
                    if (!found.getItem1()) {
                        throw Refusal.notFound(ErrorCode.UNKNOWN_RECIPIENT, "no registered user " + request.recipientId());
                    }
                    return Outcome.toStore(request, found.getItem2());
                });
    }

    /** A reply's message must be one of the chat's that can be answered ({@link ActionRules}); one read, for replies only. */
    private Uni<Boolean> requireReplyable(SendRequest request) {
        if (request.replyTo() == null) {
            return Uni.createFrom().item(Boolean.TRUE);
        }
        return chatMessages.find(ChatIds.direct(request.senderId(), request.recipientId()), request.replyTo())
                .map(found -> rules.requireReplyable(found, request.replyTo()) != null);
    }

    /** A message's attachment must be the sender's complete upload ({@link Attachments#requireSendable}). */
    private Uni<Boolean> requireAttachment(SendRequest request) {
        return request.attachment() == null ? Uni.createFrom().item(Boolean.TRUE)
                : attachments.requireSendable(request.senderId(), ChatIds.direct(request.senderId(), request.recipientId()),
                        request.attachment()).replaceWith(Boolean.TRUE);
    }

    private Uni<List<Outcome>> storeAndPublish(List<Outcome> prepared) {
        List<Integer> positions = new ArrayList<>();
        List<MessageStore.Outgoing> outgoing = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            SendRequest request = prepared.get(i).toStore();
            if (request != null) {
                // New ids are taken here, in request order, so that a chat's messages of one batch keep their order.
                positions.add(i);
                outgoing.add(new MessageStore.Outgoing(new StoredMessage(ChatIds.direct(request.senderId(),
                        request.recipientId()), ids.chosenOrNew(request.messageId()), request.senderId(), request.recipientId(),
                        request.clientMessageId(), request.body(), request.replyTo(), request.attachment()), prepared.get(i).devices()));
            }
        }
        if (outgoing.isEmpty()) {
            return Uni.createFrom().item(prepared);
        }
        List<Uni<Void>> stores = store.storeTogether(outgoing);
        List<Uni<Throwable>> stored = new ArrayList<>(outgoing.size());
        for (int i = 0; i < outgoing.size(); i++) {
            MessageStore.Outgoing message = outgoing.get(i);
            stored.add(succeeded(stores.get(i).chain(() -> settleIfUnclaimed(message.message(), message.recipientDevices()))));
        }
        return Uni.join().all(stored).andFailFast().chain(storeFailures -> {
            // Published in the order of their ids (a gateway's proposed ids follow its sockets' order), only what was stored.
            List<Integer> order = inOrderOfIds(outgoing);
            List<Uni<Throwable>> published = new ArrayList<>(outgoing.size());
            for (int i : order) {
                published.add(storeFailures.get(i) != null ? Uni.createFrom().item(storeFailures.get(i))
                        : succeeded(publisher.messageStored(outgoing.get(i).message())));
            }
            return Uni.join().all(published).andFailFast().map(inOrder -> {
                List<Throwable> byRequest = new ArrayList<>(Collections.nCopies(outgoing.size(), null));
                for (int k = 0; k < order.size(); k++) {
                    byRequest.set(order.get(k), inOrder.get(k));
                }
                return byRequest;
            });
        }).map(failures -> {
            List<Outcome> outcomes = new ArrayList<>(prepared);
            for (int i = 0; i < positions.size(); i++) {
                StoredMessage m = outgoing.get(i).message();
                outcomes.set(positions.get(i), failures.get(i) != null ? Outcome.failed(failures.get(i))
                        : Outcome.answered(new SendResponse(m.messageId(), m.chatId(), m.sentAt(), false)));
            }
            return outcomes;
        });
    }

    private static List<Integer> inOrderOfIds(List<MessageStore.Outgoing> outgoing) {
        return IntStream.range(0, outgoing.size()).boxed()
                .sorted((a, b) -> TimeUuids.compare(outgoing.get(a).message().messageId(), outgoing.get(b).message().messageId()))
                .toList();
    }

    /** Completes with null when the work succeeded, with its failure otherwise. */
    private static Uni<Throwable> succeeded(Uni<Void> work) {
        return work.map(ignored -> (Throwable) null).onFailure().recoverWithItem(failure -> failure);
    }

    private Uni<SendResponse> completeEarlier(SendRequest request, ClientSendStore.PriorSend known) {
        SendResponse answer = new SendResponse(known.messageId(), known.chatId(), TimeUuids.instantOf(known.messageId()), true);
        if (!known.chatId().equals(ChatIds.direct(request.senderId(), request.recipientId())) || known.action() != null) {
            // the id was used in another chat, or for an action
            return Uni.createFrom().failure(SendIds.reused(request.clientMessageId()));
        }
        return store.find(known.chatId(), known.messageId(), request.recipientId(), request.clientMessageId())
                .chain(stored -> {
                    if (stored.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    if (!SendIds.sameBody(stored.get().body(), request)) {
                        throw SendIds.reused(request.clientMessageId());
                    }
                    return devices.devicesOf(request.recipientId()).chain(targets -> store.rewritePending(stored.get(), targets)
                            .chain(() -> settleIfUnclaimed(stored.get(), targets))
                            .chain(() -> publisher.messageStored(stored.get())));
                })
                .replaceWith(answer);
    }

    private Uni<Void> settleIfUnclaimed(StoredMessage message, List<String> recipientDevices) {
        return recipientDevices.isEmpty() ? unclaimed.settle(message.recipientId(), MessageStore.pendingRow(message))
                : Uni.createFrom().voidItem();
    }
}
