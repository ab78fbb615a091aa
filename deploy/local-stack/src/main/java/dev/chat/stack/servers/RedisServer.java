package dev.chat.stack.servers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A Redis 6.2 server, the linux-amd64 binary that the embedded-redis artifact carries, started
 * directly so that it is an ordinary child process with a pid file. Nothing is persisted: routes
 * and presence are rebuilt by the gateways within one heartbeat after a restart.
 */
public final class RedisServer extends LocalServer {

    private static final String BINARY_RESOURCE = "/redis-server-6.2.6-v5-linux-amd64";

    private final int port;

    public RedisServer(Path home, Path pidDir, int port) {
        super("redis", home, pidDir);
        this.port = port;
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    protected void checkPortsFree() {
        Ports.requireFree(port, "Redis", "--redis-port");
    }

    @Override
    protected void prepare() {
        if (!System.getProperty("os.name").toLowerCase().contains("linux")
                || !System.getProperty("os.arch").contains("64") || System.getProperty("os.arch").contains("aarch")) {
            throw new IllegalStateException("the bundled redis-server is for linux-amd64; on "
                    + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                    + " point the services at your own Redis instead");
        }
        try (InputStream in = RedisServer.class.getResourceAsStream(BINARY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("redis-server binary " + BINARY_RESOURCE + " not found on the classpath");
            }
            Files.createDirectories(dataDir());
            Path binary = binary();
            Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path binary() {
        return home().resolve("redis-server").toAbsolutePath();
    }

    @Override
    protected List<String> command() {
        return List.of(binary().toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dataDir().toAbsolutePath().toString(), "--save", "", "--appendonly", "no",
                "--protected-mode", "no", "--loglevel", "warning");
    }

    @Override
    protected boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = socket.getInputStream().readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }
}
