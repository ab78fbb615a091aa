package dev.chat.message.domain;

import dev.chat.common.internal.SendResponse;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The sends this instance is storing right now, by sender and client message id, so that a second
 * attempt of a send that arrives while the first is still in flight (its client got
 * {@code unavailable} after a timeout and resent, or resent through another gateway) is answered
 * with the first attempt's outcome instead of being stored again.
 *
 * <p>Guarantee: while an attempt is in flight here, every other attempt of the same send that asks
 * {@link #inFlightOrClaim} on this instance gets its outcome, success or failure (a failure its
 * client answers by resending, which then runs anew). Limit: an attempt in flight on another
 * instance is not seen; there the message id the gateway proposed ({@link MessageIds}) makes both
 * attempts write the same rows, and {@code client_sends} answers every resend that comes later.
 */
@ApplicationScoped
public class SendAttempts {

    private record Key(UUID senderId, String clientMessageId) {
    }

    private final Map<Key, CompletableFuture<SendResponse>> inFlight = new ConcurrentHashMap<>();

    /**
     * The outcome of the attempt of this send in flight here (answered as a duplicate, with the
     * first attempt's id), or null when there is none: then the
     * send is claimed for the caller, who must report its end with {@link #finished} whatever
     * happens, or every later attempt of the send waits for it.
     */
    public Uni<SendResponse> inFlightOrClaim(UUID senderId, String clientMessageId) {
        CompletableFuture<SendResponse> earlier = inFlight.putIfAbsent(new Key(senderId, clientMessageId),
                new CompletableFuture<>());
        // Each joiner waits on its own copy: one that gives up must not cancel the others' outcome.
        return earlier == null ? null : Uni.createFrom().completionStage(earlier::copy)
                .map(first -> new SendResponse(first.messageId(), first.chatId(), first.sentAt(), true));
    }

    /** Ends a claimed attempt: with its response, or with its failure when {@code failure} is not null. */
    public void finished(UUID senderId, String clientMessageId, SendResponse response, Throwable failure) {
        CompletableFuture<SendResponse> attempt = inFlight.remove(new Key(senderId, clientMessageId));
        if (attempt != null && failure != null) {
            attempt.completeExceptionally(failure);
        } else if (attempt != null) {
            attempt.complete(response);
        }
    }

    /**
     * Joins the attempt of this send in flight here, or runs {@code attempt} (at the first
     * subscription) and shares its outcome with the attempts that come while it runs.
     */
    public Uni<SendResponse> joinOrRun(UUID senderId, String clientMessageId, Supplier<Uni<SendResponse>> attempt) {
        return Uni.createFrom().deferred(() -> {
            Uni<SendResponse> earlier = inFlightOrClaim(senderId, clientMessageId);
            if (earlier != null) {
                return earlier;
            }
            return Uni.createFrom().deferred(attempt::get)
                    .onItemOrFailure().invoke((response, failure) -> finished(senderId, clientMessageId, response, failure))
                    .onCancellation().invoke(() -> finished(senderId, clientMessageId, null,
                            new CancellationException("the attempt was abandoned")));
        });
    }

    /** Whether an attempt of this send is in flight here (for tests). */
    boolean isInFlight(UUID senderId, String clientMessageId) {
        return inFlight.containsKey(new Key(senderId, clientMessageId));
    }
}
