package dev.chat.message.domain;

import dev.chat.common.internal.SendRequest;
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

    /** An attempt in flight: its outcome to come, and what it sends. */
    private record InFlight(CompletableFuture<SendResponse> outcome, SendRequest request) {
    }

    private final Map<Key, InFlight> inFlight = new ConcurrentHashMap<>();

    /**
     * The outcome of the attempt of this send in flight here (answered as a duplicate, with the
     * first attempt's id), or null when there is none: then the
     * send is claimed for the caller, who must report its end with {@link #finished} whatever
     * happens, or every later attempt of the send waits for it. An attempt in flight with the
     * same send id but another recipient, group or body is another message under a reused id:
     * refused ({@link SendIds#reused}, 409), the one in flight goes on.
     */
    public Uni<SendResponse> inFlightOrClaim(SendRequest request) {
        InFlight earlier = inFlight.putIfAbsent(new Key(request.senderId(), request.clientMessageId()),
                new InFlight(new CompletableFuture<>(), request));
        if (earlier == null) {
            return null;
        }
        if (!SendIds.sameMessage(earlier.request(), request)) {
            return Uni.createFrom().failure(SendIds.reused(request.clientMessageId()));
        }
        // Each joiner waits on its own copy: one that gives up must not cancel the others' outcome.
        return Uni.createFrom().completionStage(earlier.outcome()::copy)
                .map(first -> new SendResponse(first.messageId(), first.chatId(), first.sentAt(), true));
    }

    /** Ends a claimed attempt: with its response, or with its failure when {@code failure} is not null. */
    public void finished(UUID senderId, String clientMessageId, SendResponse response, Throwable failure) {
        InFlight attempt = inFlight.remove(new Key(senderId, clientMessageId));
        if (attempt != null && failure != null) {
            attempt.outcome().completeExceptionally(failure);
        } else if (attempt != null) {
            attempt.outcome().complete(response);
        }
    }

    /**
     * Joins the attempt of this send in flight here, or runs {@code attempt} (at the first
     * subscription) and shares its outcome with the attempts that come while it runs.
     */
    public Uni<SendResponse> joinOrRun(SendRequest request, Supplier<Uni<SendResponse>> attempt) {
        UUID senderId = request.senderId();
        String clientMessageId = request.clientMessageId();
        return Uni.createFrom().deferred(() -> {
            Uni<SendResponse> earlier = inFlightOrClaim(request);
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
