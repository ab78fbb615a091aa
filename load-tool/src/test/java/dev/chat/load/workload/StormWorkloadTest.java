package dev.chat.load.workload;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.http.UpgradeRejectedException;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.RepeatedTest;

class StormWorkloadTest {

    private static final Duration JITTER = Duration.ofSeconds(10);

    @RepeatedTest(20)
    void aRefusedHandshakeIsTriedAgainAfterItsRetryAfterPlusAFewSeconds() {
        var refused = new UpgradeRejectedException("refused", 503, MultiMap.caseInsensitiveMultiMap().add("Retry-After", "3"), null);
        long delay = StormWorkload.retryDelayMillis(refused, 4, JITTER);
        assertTrue(delay >= 3_000 && delay <= 3_000 + StormWorkload.REFUSED_JITTER.toMillis(), "delay " + delay);
    }

    @RepeatedTest(20)
    void aRefusalWithoutRetryAfterWaitsASecondPlusTheJitter() {
        var refused = new UpgradeRejectedException("refused", 503, MultiMap.caseInsensitiveMultiMap(), null);
        long delay = StormWorkload.retryDelayMillis(refused, 1, JITTER);
        assertTrue(delay >= 1_000 && delay <= 1_000 + StormWorkload.REFUSED_JITTER.toMillis(), "delay " + delay);
    }

    @RepeatedTest(20)
    void anyOtherFailureWaitsUpToTheJitterDoubledPerAttemptAtMostEightfold() {
        long second = StormWorkload.retryDelayMillis(new IOException("connection refused"), 1, JITTER);
        long late = StormWorkload.retryDelayMillis(new IOException("connection refused"), 9, JITTER);
        assertTrue(second >= 1 && second <= 20_000, "second attempt " + second);
        assertTrue(late >= 1 && late <= 80_000, "late attempt " + late);
    }
}
