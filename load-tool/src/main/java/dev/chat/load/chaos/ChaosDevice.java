package dev.chat.load.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.load.client.ChatFrames;
import dev.chat.load.client.ChatUser;
import dev.chat.load.client.DeliveredAcks;
import dev.chat.load.client.Gateways;
import dev.chat.load.client.Recipient;
import io.vertx.core.http.WebSocket;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * One user's device as a real chat app behaves, for the chaos run: it keeps an outbox and sends
 * its messages one at a time, each once the one before it is acknowledged (so its own order never
 * depends on the server's); a send refused or unanswered for {@link #ACK_TIMEOUT_NANOS} is sent
 * again with {@code "resend": true} and the same client id; a socket that closes while the device
 * means to be online is opened again, on the next gateway, with a growing wait; received messages
 * are acknowledged with {@code delivered} every flush.
 *
 * <p>Every method synchronises on the device: socket events arrive on Vert.x event loops, the
 * traffic and the offline schedule call from their own threads.
 */
final class ChaosDevice {

    static final long ACK_TIMEOUT_NANOS = 10_000_000_000L;
    private static final long RETRY_NANOS = 500_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final ChatUser user;
    private final Gateways gateways;
    private final ChaosLedger ledger;
    private final ArrayDeque<Outgoing> outbox = new ArrayDeque<>();
    private final DeliveredAcks deliveredAcks = new DeliveredAcks(frame -> this.socket.writeTextMessage(frame));
    private WebSocket socket;
    private boolean wantOnline;
    private boolean synced;
    private int gateway;
    private int failedConnects;
    private long nextConnectNanos;
    private Outgoing inFlight;
    private long inFlightSince;
    private boolean inFlightAnswered = true;
    private long retryAtNanos;
    private int reconnects;

    ChaosDevice(String name, ChatUser user, int gateway, Gateways gateways, ChaosLedger ledger) {
        this.name = name;
        this.user = user;
        this.gateway = gateway;
        this.gateways = gateways;
        this.ledger = ledger;
    }

    String name() {
        return name;
    }

    ChatUser user() {
        return user;
    }

    synchronized boolean isSynced() {
        return synced;
    }

    synchronized boolean wantsOnline() {
        return wantOnline;
    }

    synchronized int reconnects() {
        return reconnects;
    }

    /** Messages not yet acknowledged, the one in flight included. */
    synchronized int unacknowledged() {
        return outbox.size() + (inFlight == null ? 0 : 1);
    }

    synchronized void goOnline() {
        wantOnline = true;
        nextConnectNanos = 0;
    }

    /** Closes the socket as a phone losing its network would (the server sees the close). */
    synchronized void goOffline() {
        wantOnline = false;
        synced = false;
        if (inFlight != null) {
            ledger.interrupted(inFlight);
        }
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    synchronized void enqueue(Outgoing message) {
        outbox.add(message);
        sendNext(System.nanoTime());
    }

    /** Called every tick: connects when it should, resends what went unanswered, flushes acknowledgements. */
    synchronized void tick(long now) {
        if (wantOnline && socket == null && now >= nextConnectNanos) {
            connect();
        }
        if (synced && inFlight != null) {
            boolean timedOut = !inFlightAnswered || now - inFlightSince > ACK_TIMEOUT_NANOS;
            if (timedOut && now >= retryAtNanos) {
                write(inFlight, true, now);
            }
        }
        flushDelivered();
    }

    private void connect() {
        WebSocket[] opened = new WebSocket[1];
        socket = null;
        int target = gateway;
        nextConnectNanos = Long.MAX_VALUE; // one attempt at a time
        gateways.open(user, target).onComplete(result -> {
            synchronized (this) {
                if (result.failed()) {
                    connectFailed();
                    return;
                }
                opened[0] = result.result();
                if (!wantOnline) {
                    opened[0].close();
                    nextConnectNanos = 0;
                    return;
                }
                socket = opened[0];
                socket.textMessageHandler(text -> onFrame(opened[0], text));
                socket.closeHandler(ignored -> onClosed(opened[0]));
                socket.exceptionHandler(ignored -> {
                });
            }
        });
    }

    private void connectFailed() {
        failedConnects++;
        gateway = (gateway + 1) % gateways.count();
        long backoff = Math.min(2_000_000_000L, 250_000_000L * (1L << Math.min(3, failedConnects - 1)));
        nextConnectNanos = System.nanoTime() + backoff;
    }

    private synchronized void onClosed(WebSocket closed) {
        if (socket != closed) {
            return;
        }
        socket = null;
        synced = false;
        if (wantOnline) {
            reconnects++;
            connectFailed();
        }
    }

    private void onFrame(WebSocket from, String text) {
        JsonNode frame;
        try {
            frame = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        long now = System.nanoTime();
        synchronized (this) {
            if (socket != from) {
                return;
            }
            switch (frame.path("type").asText()) {
                case "synced" -> {
                    synced = true;
                    failedConnects = 0;
                    if (inFlight != null) {
                        write(inFlight, true, now); // its answer may have been lost with the old socket
                    } else {
                        sendNext(now);
                    }
                }
                case "message" -> received(frame, now);
                case "ack" -> {
                    if (inFlight != null && inFlight.clientId().equals(frame.path("id").asText())) {
                        ledger.acked(inFlight, frame.path("messageId").asText(), now);
                        inFlight = null;
                        sendNext(now);
                    }
                }
                case "error" -> {
                    if (inFlight != null && inFlight.clientId().equals(frame.path("id").asText())) {
                        ledger.refused(frame.path("code").asText("unknown"));
                        inFlightAnswered = false;
                        retryAtNanos = now + RETRY_NANOS;
                    }
                }
                default -> {
                }
            }
        }
    }

    private void received(JsonNode frame, long now) {
        String messageId = frame.path("messageId").asText();
        int[] numbered = Outgoing.parse(frame.path("body").asText());
        if (numbered != null) {
            ledger.received(this, numbered[0], numbered[1], messageId, frame.path("chatId").asText(), now);
        }
        deliveredAcks.add(frame.path("chatId").asText(), frame.path("from").asText(), messageId);
    }

    private void sendNext(long now) {
        if (inFlight == null && synced && !outbox.isEmpty()) {
            inFlight = outbox.poll();
            write(inFlight, false, now);
        }
    }

    private void write(Outgoing message, boolean resend, long now) {
        inFlightSince = now;
        inFlightAnswered = true;
        retryAtNanos = now + RETRY_NANOS;
        ledger.attempted(message, now);
        Recipient to = message.to();
        socket.writeTextMessage(ChatFrames.send(message.clientId(), to.kind() == Recipient.Kind.GROUP ? "group" : "to",
                to.id(), message.body(), resend));
    }

    /** Sends the gathered {@code delivered} frames on the current socket; called with the device's lock held. */
    private void flushDelivered() {
        if (synced) {
            deliveredAcks.flush();
        }
    }
}
