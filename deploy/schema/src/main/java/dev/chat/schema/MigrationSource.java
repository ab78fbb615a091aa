package dev.chat.schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Reads the migrations under {@code db/cassandra/} of the classpath, from a folder or a jar. */
public final class MigrationSource {

    static final String LOCATION = "db/cassandra";

    private MigrationSource() {
    }

    /** All migrations, ordered by version; two files with one version are refused. */
    public static List<Migration> load() {
        URL url = MigrationSource.class.getClassLoader().getResource(LOCATION);
        if (url == null) {
            throw new IllegalStateException(LOCATION + " is not on the classpath");
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.getPath(LOCATION));
                }
            }
            return read(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Migration> read(Path folder) throws IOException {
        List<Migration> migrations;
        try (Stream<Path> files = Files.list(folder)) {
            migrations = files.filter(f -> f.getFileName().toString().endsWith(".cql"))
                    .map(f -> Migration.parse(f.getFileName().toString(), readText(f)))
                    .sorted(Comparator.comparingInt(Migration::version))
                    .toList();
        }
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version() == migrations.get(i - 1).version()) {
                throw new IllegalStateException("two migrations have version " + migrations.get(i).version());
            }
        }
        return migrations;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
