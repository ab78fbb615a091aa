package dev.chat.gateway.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chat.common.protocol.Limits;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsAcceptedThenFramesAreRefusedUntilTokensRefill() {
        RateLimiter limiter = new RateLimiter();
        long now = System.nanoTime();
        for (int i = 0; i < Limits.FRAME_BURST; i++) {
            assertEquals(RateLimiter.Verdict.ACCEPT, limiter.admit(now));
        }
        assertEquals(RateLimiter.Verdict.REFUSE, limiter.admit(now));
        assertEquals(RateLimiter.Verdict.ACCEPT, limiter.admit(now + SECOND / Limits.FRAMES_PER_SECOND + 1));
    }

    @Test
    void theSustainedRateIsAccepted() {
        RateLimiter limiter = new RateLimiter();
        long now = System.nanoTime();
        for (int i = 0; i < 10 * Limits.FRAMES_PER_SECOND; i++) {
            now += SECOND / Limits.FRAMES_PER_SECOND;
            assertEquals(RateLimiter.Verdict.ACCEPT, limiter.admit(now));
        }
    }

    @Test
    void tooManyRefusalsWithinTenSecondsMeanClose() {
        RateLimiter limiter = new RateLimiter();
        long now = System.nanoTime();
        for (int i = 0; i < Limits.FRAME_BURST; i++) {
            limiter.admit(now);
        }
        for (int i = 0; i < Limits.RATE_STRIKES_BEFORE_CLOSE; i++) {
            assertEquals(RateLimiter.Verdict.REFUSE, limiter.admit(now));
        }
        assertEquals(RateLimiter.Verdict.CLOSE, limiter.admit(now));
    }

    @Test
    void framesRefusedForWhatTheyHoldCountTowardTheCloseWithThoseRefusedForRate() {
        RateLimiter limiter = new RateLimiter();
        long now = System.nanoTime();
        for (int i = 0; i < Limits.RATE_STRIKES_BEFORE_CLOSE / 2; i++) {
            assertEquals(RateLimiter.Verdict.ACCEPT, limiter.admit(now + i * SECOND / 100)); // within the rate,
            assertFalse(limiter.strike(now + i * SECOND / 100)); // yet refused as bad
        }
        long later = now + SECOND;
        while (limiter.admit(later) == RateLimiter.Verdict.ACCEPT) {
            // the bucket empties
        }
        for (int i = 1; i < Limits.RATE_STRIKES_BEFORE_CLOSE / 2; i++) {
            assertEquals(RateLimiter.Verdict.REFUSE, limiter.admit(later));
        }
        assertEquals(RateLimiter.Verdict.CLOSE, limiter.admit(later), "the 201st refusal of either kind closes");
    }

    @Test
    void refusalsOlderThanTenSecondsAreForgiven() {
        RateLimiter limiter = new RateLimiter();
        long now = System.nanoTime();
        for (int i = 0; i < Limits.FRAME_BURST + Limits.RATE_STRIKES_BEFORE_CLOSE; i++) {
            limiter.admit(now);
        }
        long later = now + 11 * SECOND;
        for (int i = 0; i < Limits.FRAME_BURST; i++) {
            limiter.admit(later);
        }
        assertEquals(RateLimiter.Verdict.REFUSE, limiter.admit(later));
    }
}
