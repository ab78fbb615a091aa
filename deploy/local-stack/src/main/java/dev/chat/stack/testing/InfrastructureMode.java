package dev.chat.stack.testing;

import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * Where a test module's servers come from, and the rule that chooses it.
 *
 * <p>{@code CHAT_TEST_INFRA} (environment) or {@code local-stack.test-infra} (system property) forces a
 * mode; {@code auto}, the default, takes a running local stack when there is one (nothing to
 * start), else Testcontainers when a Docker engine answers, else child processes.
 */
public enum InfrastructureMode {
    /** The servers of a local stack the developer already runs. */
    REUSE,
    /** Servers in containers, where a Docker engine is reachable. */
    CONTAINERS,
    /** Servers as child processes of the test JVM, from Maven artifacts. */
    PROCESSES;

    public static final String PROPERTY = "local-stack.test-infra";
    public static final String ENVIRONMENT = "CHAT_TEST_INFRA";

    /**
     * Chooses the mode.
     *
     * @param requested the forced mode, {@code auto} or null
     * @param stackRunning whether a local stack with the needed servers answers
     * @param dockerAvailable asked only when needed: it can take seconds
     */
    public static InfrastructureMode choose(String requested, boolean stackRunning, BooleanSupplier dockerAvailable) {
        String mode = requested == null || requested.isBlank() ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        switch (mode) {
            case "auto":
                if (stackRunning) {
                    return REUSE;
                }
                return dockerAvailable.getAsBoolean() ? CONTAINERS : PROCESSES;
            case "reuse":
                if (!stackRunning) {
                    throw new IllegalStateException(PROPERTY + "=reuse, but no local stack is running;"
                            + " start one with deploy/local-stack/start.sh --servers-only");
                }
                return REUSE;
            case "containers":
                if (!dockerAvailable.getAsBoolean()) {
                    throw new IllegalStateException(PROPERTY + "=containers, but no Docker engine answers");
                }
                return CONTAINERS;
            case "processes":
                return PROCESSES;
            default:
                throw new IllegalArgumentException(PROPERTY + " must be auto, reuse, containers or processes, not '"
                        + requested + "'");
        }
    }

    /** The mode requested by the environment or system property, or null. */
    public static String requested() {
        String property = System.getProperty(PROPERTY);
        return property != null ? property : System.getenv(ENVIRONMENT);
    }
}
