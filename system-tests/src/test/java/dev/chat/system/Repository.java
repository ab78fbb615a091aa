package dev.chat.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where the built project lies, seen from this module. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("gateway-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("not inside the repository");
    }

    /** The local-stack launcher jar, as {@code ./mvnw package} builds it. */
    static Path launcherJar() {
        Path target = root().resolve("deploy/local-stack/target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("local-stack-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no launcher jar in " + target));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
