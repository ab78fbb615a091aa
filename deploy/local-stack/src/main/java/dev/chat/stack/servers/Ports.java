package dev.chat.stack.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Loopback port checks. */
public final class Ports {

    private Ports() {
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code count} different ports that were free on 127.0.0.1 a moment ago. They are held open
     * together while they are chosen: ports taken one after another can repeat, since each is
     * released before the next is asked for.
     */
    public static int[] distinctFree(int count) {
        List<ServerSocket> held = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                socket.setReuseAddress(true);
                held.add(socket);
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // released anyway when the process ends
                }
            }
        }
    }

    /** Whether something accepts connections on 127.0.0.1:{@code port}. */
    public static boolean isOpen(int port) {
        return isOpen("127.0.0.1", port);
    }

    /** Whether something accepts connections on {@code address:port} (a loopback address). */
    public static boolean isOpen(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(address), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a message naming the port and its purpose when something already listens there. */
    public static void requireFree(int port, String purpose, String option) {
        requireFree("127.0.0.1", port, purpose, option);
    }

    /** As {@link #requireFree(int, String, String)}, on {@code address}. */
    public static void requireFree(String address, int port, String purpose, String option) {
        if (isOpen(address, port)) {
            throw new IllegalStateException("port " + port + " (" + purpose + ") is already in use on " + address + "."
                    + " Stop whatever listens there, or choose another port with " + option + ".");
        }
    }
}
