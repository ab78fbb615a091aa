package dev.chat.stack.servers;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One real server (Cassandra, Kafka or Redis) run as a child process on loopback.
 *
 * <p>{@link #start} returns only once the server answers its own protocol; {@link #stop} ends it
 * by pid and waits; {@link #kill} ends it as a crash would (for the tests that prove what happens
 * when a server goes away). Data stays in {@link #dataDir()} across starts.
 */
public abstract class LocalServer {

    private final String name;
    private final Path home;
    private final Path pidDir;
    private ManagedProcess process;

    protected LocalServer(String name, Path home, Path pidDir) {
        this.name = name;
        this.home = home;
        this.pidDir = pidDir;
    }

    public final String name() {
        return name;
    }

    /** The folder of this server's configuration, data and log. */
    public final Path home() {
        return home;
    }

    protected final Path dataDir() {
        return home.resolve("data");
    }

    public final Path logFile() {
        return home.resolve(name + ".log");
    }

    public final synchronized void start(Duration timeout) {
        if (process != null && process.isAlive()) {
            return;
        }
        checkPortsFree();
        prepare();
        process = ManagedProcess.start(name, command(), home, environment(), logFile(), pidDir);
        awaitReady(timeout);
    }

    public final synchronized void stop() {
        if (process != null) {
            process.stop(stopGrace());
            process = null;
        }
    }

    /** The running process' pid, or -1 when this server is not running. */
    public final synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public final synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }



    /** Fails, naming the port and the option that moves it, when a port of this server is taken. */
    protected abstract void checkPortsFree();

    /** Writes configuration and formats storage as needed before the first start. */
    protected abstract void prepare();

    protected abstract List<String> command();

    protected Map<String, String> environment() {
        return Map.of();
    }

    /** Whether the server answers its protocol now. */
    protected abstract boolean answers();

    protected Duration stopGrace() {
        return Duration.ofSeconds(15);
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        BooleanSupplier ready = this::answers;
        while (!ready.getAsBoolean()) {
            process.requireAlive();
            if (Instant.now().isAfter(deadline)) {
                String tail = process.tail(30);
                stop();
                throw new IllegalStateException(name + " did not become ready within " + timeout.toSeconds()
                        + " s; last lines of " + logFile() + ":\n" + tail);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }
}
