package dev.chat.stack.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A child process this project started: its output goes to a log file, its pid to a pid file,
 * and {@link #stop} ends it by pid (SIGTERM, then SIGKILL after a grace period), together with
 * any processes it started itself.
 *
 * <p>The pid file lets a later start find and stop a server left behind by a launcher that was
 * killed with SIGKILL (see {@link PidFiles#stopLeftovers}).
 */
public final class ManagedProcess {

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Path pidFile;

    private ManagedProcess(String name, Process process, Path logFile, Path pidFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.pidFile = pidFile;
    }

    /** Starts {@code command} in {@code workDir}, logging to {@code logFile}, pid in {@code pidDir}. */
    public static ManagedProcess start(String name, List<String> command, Path workDir, Map<String, String> env,
            Path logFile, Path pidDir) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(workDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
            builder.environment().putAll(env);
            Process process = startRetryingBusyBinary(builder);
            Path pidFile = pidDir == null ? null : PidFiles.write(pidDir, name, process.pid());
            return new ManagedProcess(name, process, logFile, pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /**
     * Starts the process; a binary just written (the stack copies redis-server out of its jar) can
     * be refused with "Text file busy" for a moment, while a child forked by another thread during
     * the write still holds it open: that is tried again a few times.
     */
    private static Process startRetryingBusyBinary(ProcessBuilder builder) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return builder.start();
            } catch (IOException e) {
                if (attempt == 10 || e.getMessage() == null || !e.getMessage().contains("error=26")) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Waits for the process to exit by itself, at most {@code limit}; stops it then.
     *
     * @return its exit code, or empty when it had to be stopped
     */
    public OptionalInt awaitExit(Duration limit) {
        try {
            if (process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                if (pidFile != null) {
                    PidFiles.delete(pidFile);
                }
                return OptionalInt.of(process.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stop(Duration.ofSeconds(5));
        return OptionalInt.empty();
    }

    /** Fails with the tail of the log when the process has already exited. */
    public void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue()
                    + " while starting; last lines of " + logFile + ":\n" + tail(40));
        }
    }

    /** Asks the process (and its descendants) to stop, then kills whatever is left after {@code grace}. */
    public void stop(Duration grace) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (pidFile != null) {
            PidFiles.delete(pidFile);
        }
    }

    /** Kills the process at once, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pidFile != null) {
            PidFiles.delete(pidFile);
        }
    }

    /** The last {@code lines} lines of the process's log. */
    public String tail(int lines) {
        try {
            Deque<String> last = new ArrayDeque<>();
            for (String line : Files.readAllLines(logFile, StandardCharsets.UTF_8)) {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            }
            return String.join("\n", last);
        } catch (IOException e) {
            return "(log not readable: " + e.getMessage() + ")";
        }
    }
}
