package dev.chat.stack.servers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port checks. */
public final class Ports {

    private Ports() {
    }

    /**
     * Where free ports are chosen: below the kernel's range of ephemeral ports (32768 and up on
     * Linux, 49152 on macOS and Windows), and above the local stack's defaults. A port from the
     * ephemeral range can be taken by any process's outgoing connection between being chosen and
     * being listened on, and a service takes half a minute to listen: a test cluster's
     * message-service once failed to start so, its port taken by a connection of another stack.
     */
    static final int LOWEST = 20_000;
    static final int HIGHEST = 32_000;
    /** Ports this process has handed out: never handed out again, so that stacks of one test run never share one. */
    private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int free() {
        return distinctFree(1)[0];
    }

    /**
     * {@code count} different ports that were free on 127.0.0.1 a moment ago, between
     * {@value #LOWEST} and {@value #HIGHEST}, none handed out before by this process.
     */
    public static int[] distinctFree(int count) {
        List<ServerSocket> held = new ArrayList<>(count);
        try {
            for (int attempt = 0; held.size() < count; attempt++) {
                if (attempt == 10_000) {
                    throw new IllegalStateException("no " + count + " free ports between " + LOWEST + " and " + HIGHEST);
                }
                int port = LOWEST + ThreadLocalRandom.current().nextInt(HIGHEST - LOWEST);
                if (!GIVEN.add(port)) {
                    continue;
                }
                ServerSocket socket = new ServerSocket();
                try {
                    socket.setReuseAddress(true);
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
                    held.add(socket);
                } catch (IOException taken) {
                    socket.close();
                }
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

    /**
     * A port {@code p} such that {@code p + offset} was free on 127.0.0.1 a moment ago for every
     * offset (0 included or not, as given), none of them handed out before; all are marked handed
     * out. For a process that derives further ports from the one it is given.
     */
    public static int freeWithOffsets(int... offsets) {
        int highestOffset = java.util.Arrays.stream(offsets).max().orElse(0);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int base = LOWEST + ThreadLocalRandom.current().nextInt(HIGHEST - LOWEST - highestOffset);
            if (java.util.Arrays.stream(offsets).allMatch(offset -> !GIVEN.contains(base + offset) && canBind(base + offset))) {
                List<Integer> claimed = new ArrayList<>();
                boolean won = java.util.Arrays.stream(offsets).allMatch(offset -> GIVEN.add(base + offset) && claimed.add(base + offset));
                if (won) {
                    return base;
                }
                claimed.forEach(GIVEN::remove); // another thread took one of them meanwhile
            }
        }
        throw new IllegalStateException("no free ports at offsets " + java.util.Arrays.toString(offsets) + " between "
                + LOWEST + " and " + HIGHEST);
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
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
