package dev.chat.message.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.common.errors.Refusal;
import dev.chat.common.internal.SendRequest;
import dev.chat.common.internal.SendResponse;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SendAttemptsTest {

    private final SendAttempts attempts = new SendAttempts();
    private final UUID sender = UUID.randomUUID();
    private final UUID recipient = UUID.randomUUID();
    private final SendResponse stored = new SendResponse(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), false);

    @Test
    void anAttemptArrivingWhileTheFirstIsInFlightGetsItsOutcomeAsADuplicate() {
        assertNull(attempts.inFlightOrClaim(send("c-1", "hello")), "the first attempt claims the send");
        UniAssertSubscriber<SendResponse> second = attempts.inFlightOrClaim(send("c-1", "hello"))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        second.assertNotTerminated();

        attempts.finished(sender, "c-1", stored, null);

        SendResponse answer = second.awaitItem().getItem();
        assertEquals(stored.messageId(), answer.messageId());
        assertTrue(answer.duplicate());
        assertFalse(attempts.isInFlight(sender, "c-1"));
    }

    @Test
    void aFailedFirstAttemptFailsTheOnesThatJoinedItAndLeavesTheSendFreeToRunAgain() {
        assertNull(attempts.inFlightOrClaim(send("c-2", "hello")));
        UniAssertSubscriber<SendResponse> second = attempts.inFlightOrClaim(send("c-2", "hello"))
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        attempts.finished(sender, "c-2", null, new IllegalStateException("cassandra timed out"));

        second.awaitFailure().assertFailedWith(IllegalStateException.class, "cassandra timed out");
        assertNull(attempts.inFlightOrClaim(send("c-2", "hello")), "the next attempt runs anew");
    }

    @Test
    void oneJoinedAttemptGivingUpLeavesTheOthersWaitingForTheOutcome() {
        assertNull(attempts.inFlightOrClaim(send("c-3", "hello")));
        UniAssertSubscriber<SendResponse> impatient = attempts.inFlightOrClaim(send("c-3", "hello"))
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<SendResponse> patient = attempts.inFlightOrClaim(send("c-3", "hello"))
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        impatient.cancel();
        attempts.finished(sender, "c-3", stored, null);

        assertEquals(stored.messageId(), patient.awaitItem().getItem().messageId());
    }

    @Test
    void anotherMessageUnderTheIdOfOneInFlightIsRefusedAndTheFirstGoesOn() {
        assertNull(attempts.inFlightOrClaim(send("c-5", "hello")));

        UniAssertSubscriber<SendResponse> other = attempts.inFlightOrClaim(send("c-5", "something else"))
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        other.awaitFailure().assertFailedWith(Refusal.class, "send id 'c-5' was used for another message");
        assertEquals(409, ((Refusal) other.getFailure()).status());
        assertTrue(attempts.isInFlight(sender, "c-5"), "the first attempt is still in flight");
    }

    @Test
    void overlappingAttemptsRunOnceAndAnAttemptAfterTheEndRunsAnew() {
        AtomicInteger runs = new AtomicInteger();
        Uni<SendResponse> slow = Uni.createFrom().emitter(emitter -> runs.incrementAndGet());
        UniAssertSubscriber<SendResponse> first = attempts.joinOrRun(send("c-4", "hello"), () -> slow)
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<SendResponse> second = attempts.joinOrRun(send("c-4", "hello"), () -> slow)
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        assertEquals(1, runs.get(), "the overlapping attempt waits for the first");

        first.cancel(); // the first attempt is abandoned: the one that joined it fails, and its client resends
        second.awaitFailure().assertFailedWith(CancellationException.class);
        attempts.joinOrRun(send("c-4", "hello"), () -> Uni.createFrom().item(stored))
                .subscribe().withSubscriber(UniAssertSubscriber.create()).awaitItem().assertItem(stored);
    }

    private SendRequest send(String clientId, String body) {
        return new SendRequest(sender, "phone", recipient, null, clientId, body, false, null);
    }
}
