package dev.chat.stack.servers;

/**
 * How long a server's process and data live, which decides what it may skip to start and run
 * cheaply ({@link CassandraServer}, {@link KafkaServer}).
 */
public enum ServerLife {

    /** The local stack's and the replicated clusters': long runs, restarted on their data, after a crash too. */
    KEPT,

    /**
     * A test's servers: they run for minutes under light load, and their data is deleted once they
     * stop, never started on again. They run on the JIT's first tier only, which starts them and
     * runs a module's tests with about a sixth less CPU than the full JIT, whose compiles would
     * not pay off before they stop.
     */
    THROWAWAY
}
