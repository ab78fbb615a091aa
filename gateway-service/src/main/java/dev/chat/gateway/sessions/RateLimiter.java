package dev.chat.gateway.sessions;

import dev.chat.common.protocol.Limits;

/**
 * The per-connection frame limit: a token bucket of {@link Limits#FRAME_BURST} frames refilled at
 * {@link Limits#FRAMES_PER_SECOND}; and a count of refused frames (over the rate, or answered
 * with an error for what they hold) within ten seconds, past
 * {@link Limits#RATE_STRIKES_BEFORE_CLOSE} of which the connection is abusive. Not thread-safe:
 * one connection's frames arrive on one event loop.
 */
public final class RateLimiter {

    /** What to do with a frame. */
    public enum Verdict { ACCEPT, REFUSE, CLOSE }

    private static final long STRIKE_WINDOW_NANOS = 10_000_000_000L;

    private double tokens = Limits.FRAME_BURST;
    private long refilledAt = System.nanoTime();
    private int strikes;
    private long strikeWindowStart;

    Verdict admit(long now) {
        tokens = Math.min(Limits.FRAME_BURST, tokens + (now - refilledAt) * Limits.FRAMES_PER_SECOND / 1e9);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ACCEPT;
        }
        return strike(now) ? Verdict.CLOSE : Verdict.REFUSE;
    }

    /**
     * Counts a refused frame, whether for its rate or for what it holds (an {@code error} frame
     * answered it): true when the connection has now been refused more than the limit allows.
     */
    boolean strike(long now) {
        if (now - strikeWindowStart > STRIKE_WINDOW_NANOS) {
            strikeWindowStart = now;
            strikes = 0;
        }
        return ++strikes > Limits.RATE_STRIKES_BEFORE_CLOSE;
    }
}
