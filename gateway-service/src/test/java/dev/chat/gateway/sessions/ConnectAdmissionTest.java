package dev.chat.gateway.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConnectAdmissionTest {

    private final AtomicLong now = new AtomicLong();

    private ConnectAdmission admitting(int limit) {
        return new ConnectAdmission(limit, now::get, null, new SimpleMeterRegistry());
    }

    @Test
    void connectsBeyondTheBoundAreRefusedUntilOneEnds() {
        ConnectAdmission admission = admitting(2);
        Optional<ConnectAdmission.Place> first = admission.admit();
        assertTrue(first.isPresent());
        assertTrue(admission.admit().isPresent());

        assertTrue(admission.admit().isEmpty(), "a third while two are connecting");
        admission.release(first.get());
        assertTrue(admission.admit().isPresent(), "the place the first gave back");
    }

    @Test
    void aPlaceIsGivenBackOnceHoweverOftenItIsReleased() {
        ConnectAdmission admission = admitting(1);
        ConnectAdmission.Place place = admission.admit().orElseThrow();

        admission.release(place);
        admission.release(place); // the catch-up ended, then the socket closed
        admission.release(null);  // a socket that never had a place

        assertEquals(0, admission.connecting());
        assertTrue(admission.admit().isPresent());
        assertTrue(admission.admit().isEmpty(), "still one place only");
    }

    @Test
    void anAdmittedHandshakeThatNeverOpenedGivesItsPlaceBackAfterTheTimeout() {
        ConnectAdmission admission = admitting(1);
        admission.admit().orElseThrow();

        now.addAndGet(ConnectAdmission.UNOPENED_TIMEOUT.minusMillis(1).toNanos());
        admission.reclaimUnopened();
        assertTrue(admission.admit().isEmpty(), "not before the timeout");

        now.addAndGet(1_000_000);
        admission.reclaimUnopened();
        assertTrue(admission.admit().isPresent());
    }

    @Test
    void anOpenedSocketKeepsItsPlaceUntilItsConnectEnds() {
        ConnectAdmission admission = admitting(1);
        ConnectAdmission.Place place = admission.admit().orElseThrow();
        admission.opened(place);

        now.addAndGet(ConnectAdmission.UNOPENED_TIMEOUT.multipliedBy(6).toNanos());
        admission.reclaimUnopened();

        assertTrue(admission.admit().isEmpty(), "a slow catch-up still holds its place");
        admission.release(place);
        assertTrue(admission.admit().isPresent());
    }
}
