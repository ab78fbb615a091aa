package dev.chat.stack.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Finds the {@code java} executables the servers run on, and their classpaths. */
public final class JavaRuntimes {

    private JavaRuntimes() {
    }

    /** The {@code java} of the JVM running this code. */
    public static String current() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * A Java 17 {@code java}: Cassandra 5.0 runs only on 17 here. Taken from {@code CASSANDRA_JAVA_HOME}
     * if set, else this JVM when it is a 17, else the first JDK 17 under /usr/lib/jvm.
     */
    public static String java17() {
        String configured = System.getenv("CASSANDRA_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured, "bin", "java").toString();
        }
        if (Runtime.version().feature() == 17) {
            return current();
        }
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            Optional<Path> jdk17 = jvms.filter(p -> p.getFileName().toString().contains("17"))
                    .map(p -> p.resolve("bin/java")).filter(Files::isExecutable)
                    .sorted(Comparator.naturalOrder()).findFirst();
            return jdk17.map(Path::toString).orElseThrow(() -> new IllegalStateException(
                    "Cassandra 5.0 needs Java 17 and none was found; set CASSANDRA_JAVA_HOME to a JDK 17"));
        } catch (IOException e) {
            throw new IllegalStateException("Cassandra 5.0 needs Java 17; set CASSANDRA_JAVA_HOME to a JDK 17", e);
        }
    }

    /**
     * The classpath of a server, as recorded by its {@code *-classpath} module at build time
     * (absolute paths into the local Maven repository).
     */
    public static String serverClasspath(String server) {
        String resource = "META-INF/chat-stack/" + server + ".classpath";
        try (InputStream in = JavaRuntimes.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath; build the project with"
                        + " ./mvnw install -DskipTests first");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String firstJar = classpath.split(java.io.File.pathSeparator)[0];
            if (!Files.exists(Path.of(firstJar))) {
                throw new IllegalStateException("the " + server + " jars recorded at build time are gone (" + firstJar
                        + "); rebuild with ./mvnw install -DskipTests");
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * As root, a {@code setpriv} prefix that drops CAP_IPC_LOCK: Cassandra calls mlockall, and with
     * the capability every page reserved at that moment stays resident. Nothing otherwise.
     */
    public static Stream<String> withoutMemoryLocking() {
        Path setpriv = Path.of("/usr/bin/setpriv");
        return Files.isExecutable(setpriv) && "root".equals(System.getProperty("user.name"))
                ? Stream.of(setpriv.toString(), "--inh-caps=-ipc_lock", "--bounding-set=-ipc_lock")
                : Stream.empty();
    }
}
