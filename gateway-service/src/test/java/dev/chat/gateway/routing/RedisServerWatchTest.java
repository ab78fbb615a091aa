package dev.chat.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisServerWatchTest {

    private final RedisServerWatch watch = new RedisServerWatch();

    @Test
    void theFirstServerAndTheSameOneAgainAreNoChange() {
        assertTrue(watch.seen("a1").isEmpty());
        assertTrue(watch.seen("a1").isEmpty());
    }

    @Test
    void anotherRunIdIsAChangeReportedOnce() {
        watch.seen("a1");

        assertEquals(Optional.of(new RedisServerChanged("a1", "b2")), watch.seen("b2"));
        assertTrue(watch.seen("b2").isEmpty());
    }

    @Test
    void aServerThatDoesNotSayItsRunIdIsPassedOverAndTheOneBeforeItStillCounts() {
        watch.seen("a1");

        assertTrue(watch.seen("").isEmpty());
        assertEquals(Optional.of(new RedisServerChanged("a1", "c3")), watch.seen("c3"));
    }
}
