package dev.chat.message.domain;

/** For work done together (a gateway's batch) whose parts each keep their own outcome. */
final class Outcomes {

    private Outcomes() {
    }

    /** The part's value, or its failure thrown again (a checked one wrapped). */
    static <T> T valueOrThrow(T value, Throwable failure) {
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        return value;
    }
}
