package dev.chat.gateway.routing;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers the run id of the Redis server last reached and tells when another one answers
 * (a restart gives a process a new run id, and a replica that takes over has its own). Safe for
 * concurrent use: each change is reported once.
 */
final class RedisServerWatch {

    private final AtomicReference<String> last = new AtomicReference<>();

    /** Notes the run id a beat saw; the change, when the server is not the one seen before. */
    Optional<RedisServerChanged> seen(String runId) {
        if (runId == null || runId.isEmpty()) {
            return Optional.empty();
        }
        String before = last.getAndSet(runId);
        return before == null || before.equals(runId) ? Optional.empty() : Optional.of(new RedisServerChanged(before, runId));
    }
}
