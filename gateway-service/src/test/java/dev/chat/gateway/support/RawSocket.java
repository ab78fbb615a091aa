package dev.chat.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A WebSocket client that writes frames byte by byte, for what no well-behaved client library
 * sends: text that is not UTF-8, fragments, oversized frames. It reads the server's frames to
 * find out how the server ended the connection.
 */
public final class RawSocket implements AutoCloseable {

    public static final int TEXT = 0x1;
    public static final int CONTINUATION = 0x0;
    private static final int CLOSE = 0x8;
    /** What {@link #awaitCloseCode} answers when the TCP connection ended without a close frame. */
    public static final int NO_CLOSE_FRAME = -1;

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private String handshake = "";

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens {@code /ws} on 127.0.0.1:{@code port} with {@code token}; fails unless the server answers 101. */
    public static RawSocket open(int port, String token) throws IOException {
        return open(port, token, "");
    }

    /** As {@link #open(int, String)}, with more handshake headers ({@code "Name: value\r\n"} each). */
    public static RawSocket open(int port, String token, String headers) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\n" + headers + "\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        RawSocket raw = new RawSocket(socket);
        raw.handshake = raw.readHeaders();
        String status = raw.handshake.lines().findFirst().orElse("");
        if (!status.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("the handshake was answered " + status);
        }
        return raw;
    }

    /** Writes one masked frame. */
    public void send(int opcode, byte[] payload, boolean fin) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The next text frame's payload, skipping pings; null if the connection ended first. */
    public String nextText(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        while (true) {
            int[] opcode = new int[1];
            byte[] payload = readFrame(opcode);
            if (payload == null || opcode[0] == CLOSE) {
                return null;
            }
            if (opcode[0] == TEXT) {
                return new String(payload, StandardCharsets.UTF_8);
            }
        }
    }

    /**
     * Reads frames until the server's close frame and answers its status code, or
     * {@link #NO_CLOSE_FRAME} when the connection ended without one.
     */
    public int awaitCloseCode(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        while (true) {
            int[] opcode = new int[1];
            byte[] payload;
            try {
                payload = readFrame(opcode);
            } catch (SocketTimeoutException e) {
                throw new IOException("the server neither closed nor ended the connection within " + within, e);
            } catch (IOException reset) {
                return NO_CLOSE_FRAME;
            }
            if (payload == null) {
                return NO_CLOSE_FRAME;
            }
            if (opcode[0] == CLOSE) {
                return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
            }
        }
    }

    private byte[] readFrame(int[] opcode) throws IOException {
        int first;
        try {
            first = in.readUnsignedByte();
        } catch (EOFException end) {
            return null;
        }
        opcode[0] = first & 0x0f;
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        return payload;
    }

    private String readHeaders() throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            headers.append((char) b);
        }
        return headers.toString();
    }

    /** The server's handshake answer: status line and headers. */
    public String handshake() {
        return handshake;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
