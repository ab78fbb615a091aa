package dev.chat.stack.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * S3Proxy, an S3-compatible server that keeps objects as files in a folder, as the media store of
 * the local stack and the tests (production points the services at AWS S3, MinIO, Ceph or any S3
 * API). It checks request signatures (AWS SigV2 and SigV4, pre-signed URLs included) against one
 * key pair, {@link #ACCESS_KEY} and {@link #SECRET_KEY}, so the services sign for real. Its one
 * bucket, {@link #BUCKET}, is a folder made before the server starts. Browsers may call it from
 * any origin (CORS), as a web client uploading to a pre-signed URL does.
 */
public final class S3ProxyServer extends LocalServer {

    /** The bucket the services keep attachments in. */
    public static final String BUCKET = "chat-media";
    public static final String ACCESS_KEY = "chat-local";
    public static final String SECRET_KEY = "chat-local-secret";
    /** S3Proxy accepts any region in a signature; the services sign for this one. */
    public static final String REGION = "us-east-1";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final int port;

    public S3ProxyServer(Path home, Path pidDir, int port) {
        super("s3proxy", home, pidDir);
        this.port = port;
    }

    /** Where the S3 API answers: path-style requests ({@code <endpoint>/<bucket>/<key>}). */
    public String endpoint() {
        return endpoint(port);
    }

    public static String endpoint(int port) {
        return "http://127.0.0.1:" + port;
    }

    /** The configuration that points message-service at an S3Proxy at {@code endpoint}, as properties. */
    public static Map<String, String> serviceConfig(String endpoint) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("chat.media.s3.endpoint", endpoint);
        config.put("chat.media.s3.region", REGION);
        config.put("chat.media.s3.bucket", BUCKET);
        config.put("chat.media.s3.path-style", "true");
        config.put("chat.media.s3.access-key-id", ACCESS_KEY);
        config.put("chat.media.s3.secret-access-key", SECRET_KEY);
        return config;
    }

    /** {@link #serviceConfig} as environment variables ({@code CHAT_MEDIA_S3_ENDPOINT}, ...). */
    public static Map<String, String> serviceEnvironment(String endpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        serviceConfig(endpoint).forEach((property, value) -> env.put(ServiceInstances.environmentName(property), value));
        return env;
    }

    @Override
    protected void checkPortsFree() {
        Ports.requireFree("127.0.0.1", port, "S3Proxy", "--s3-port");
    }

    @Override
    protected void prepare() {
        try {
            Files.createDirectories(dataDir().resolve(BUCKET));
            Files.writeString(home().resolve("s3proxy.conf"), String.join("\n",
                    "s3proxy.endpoint=" + endpoint(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "s3proxy.cors-allow-all=true",
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + dataDir().toAbsolutePath(), ""));
            Files.writeString(home().resolve("logback.xml"), """
                    <configuration>
                      <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="WARN"><appender-ref ref="out"/></root>
                    </configuration>
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected List<String> command() {
        return List.of(JavaRuntimes.current(), "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + home().resolve("logback.xml").toAbsolutePath(),
                "-cp", JavaRuntimes.serverClasspath("s3proxy"), "org.gaul.s3proxy.Main",
                "--properties", home().resolve("s3proxy.conf").toAbsolutePath().toString());
    }

    @Override
    protected boolean answers() {
        return answers(port);
    }

    /** Whether an S3 API answers there now (an unsigned request is refused with an S3 error, which is an answer). */
    static boolean answers(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(endpoint(port) + "/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body().contains("<Error>") || response.statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
