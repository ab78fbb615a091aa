package dev.chat.stack.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Pid files of the processes a stack started, one per process, in the stack's data folder. */
public final class PidFiles {

    private PidFiles() {
    }

    static Path write(Path pidDir, String name, long pid) throws IOException {
        Files.createDirectories(pidDir);
        Path file = pidDir.resolve(name + ".pid");
        Files.writeString(file, Long.toString(pid));
        return file;
    }

    static void delete(Path pidFile) {
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stops processes left behind by an earlier stack in the same data folder (its launcher was
     * killed before it could stop them). A pid counts only while the process's command line still
     * names {@code marker}, so a recycled pid of an unrelated process is never touched.
     *
     * @return the names of the processes stopped
     */
    public static List<String> stopLeftovers(Path pidDir, String marker) {
        List<String> stopped = new ArrayList<>();
        if (!Files.isDirectory(pidDir)) {
            return stopped;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(pidDir, "*.pid")) {
            for (Path file : files) {
                String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
                Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(Files.readString(file).trim()));
                if (process.isPresent() && process.get().info().commandLine().orElse("").contains(marker)) {
                    terminate(process.get(), Duration.ofSeconds(20));
                    stopped.add(name);
                }
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return stopped;
    }

    private static void terminate(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception timedOut) {
            process.destroyForcibly();
        }
    }
}
