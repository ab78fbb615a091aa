package dev.chat.message.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    private final SendResponse stored = new SendResponse(UUID.randomUUID(), UUID.randomUUID(), Instant.now(), false);

    @Test
    void anAttemptArrivingWhileTheFirstIsInFlightGetsItsOutcomeAsADuplicate() {
        assertNull(attempts.inFlightOrClaim(sender, "c-1"), "the first attempt claims the send");
        UniAssertSubscriber<SendResponse> second = attempts.inFlightOrClaim(sender, "c-1")
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
        assertNull(attempts.inFlightOrClaim(sender, "c-2"));
        UniAssertSubscriber<SendResponse> second = attempts.inFlightOrClaim(sender, "c-2")
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        attempts.finished(sender, "c-2", null, new IllegalStateException("cassandra timed out"));

        second.awaitFailure().assertFailedWith(IllegalStateException.class, "cassandra timed out");
        assertNull(attempts.inFlightOrClaim(sender, "c-2"), "the next attempt runs anew");
    }

    @Test
    void oneJoinedAttemptGivingUpLeavesTheOthersWaitingForTheOutcome() {
        assertNull(attempts.inFlightOrClaim(sender, "c-3"));
        UniAssertSubscriber<SendResponse> impatient = attempts.inFlightOrClaim(sender, "c-3")
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<SendResponse> patient = attempts.inFlightOrClaim(sender, "c-3")
                .subscribe().withSubscriber(UniAssertSubscriber.create());

        impatient.cancel();
        attempts.finished(sender, "c-3", stored, null);

        assertEquals(stored.messageId(), patient.awaitItem().getItem().messageId());
    }

    @Test
    void overlappingAttemptsRunOnceAndAnAttemptAfterTheEndRunsAnew() {
        AtomicInteger runs = new AtomicInteger();
        Uni<SendResponse> slow = Uni.createFrom().emitter(emitter -> runs.incrementAndGet());
        UniAssertSubscriber<SendResponse> first = attempts.joinOrRun(sender, "c-4", () -> slow)
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        UniAssertSubscriber<SendResponse> second = attempts.joinOrRun(sender, "c-4", () -> slow)
                .subscribe().withSubscriber(UniAssertSubscriber.create());
        assertEquals(1, runs.get(), "the overlapping attempt waits for the first");

        first.cancel(); // the first attempt is abandoned: the one that joined it fails, and its client resends
        second.awaitFailure().assertFailedWith(CancellationException.class);
        attempts.joinOrRun(sender, "c-4", () -> Uni.createFrom().item(stored))
                .subscribe().withSubscriber(UniAssertSubscriber.create()).awaitItem().assertItem(stored);
    }
}
