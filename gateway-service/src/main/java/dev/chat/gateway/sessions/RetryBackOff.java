package dev.chat.gateway.sessions;

import dev.chat.gateway.config.GatewayConfig;
import java.time.Duration;

/**
 * The waits between the attempts of a retried catch-up or repair: {@code first}, then twice the
 * wait before, at most {@code max} ({@code chat.gateway.catch-up-retry-interval} and
 * {@code catch-up-retry-max-interval}).
 */
record RetryBackOff(Duration first, Duration max) {

    static RetryBackOff of(GatewayConfig config) {
        return new RetryBackOff(config.catchUpRetryInterval(), config.catchUpRetryMaxInterval());
    }

    /** The wait after {@code wait}: twice as long, at most {@link #max}. */
    Duration after(Duration wait) {
        Duration doubled = wait.multipliedBy(2);
        return doubled.compareTo(max) > 0 ? max : doubled;
    }
}
