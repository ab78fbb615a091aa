package dev.chat.load.workload;

import dev.chat.load.client.ChatClient;
import dev.chat.load.client.ChatUser;
import dev.chat.load.client.Recipient;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * P sender→receiver pairs of registered users, connected and ready: pair k's sender is client
 * 2k, its receiver client 2k+1, on neighbouring gateways (so with two or more gateways every
 * message crosses from one gateway to another). Shared by {@code pairs} and {@code ramp}.
 */
final class Pairs implements AutoCloseable {

    /** A socket may send 50 frames a second (docs/protocol.md); stay clear of it. */
    static final double MAX_RATE_PER_SENDER = 40;

    final Traffic traffic;
    final List<ChatClient> clients;
    private final long timer;
    private final Run run;

    Pairs(Run run, int pairs) {
        this.run = run;
        traffic = new Traffic(run.settings.bodyLength(), run.latency, run.ackLatency, (stream, client) -> 0);
        List<ChatUser> users = run.users(pairs * 2, true);
        AtomicInteger failures = new AtomicInteger();
        Run.say("[" + run.workload + "] connecting " + users.size() + " sockets");
        clients = run.connect(users, traffic, i -> i, 500, new Histogram(60_000_000L, 3), failures);
        if (failures.get() > 0 || clients.size() != users.size()) {
            throw new IllegalStateException(failures.get() + " of " + users.size() + " sockets failed to connect");
        }
        for (int k = 0; k < pairs; k++) {
            traffic.addStream(clients.get(2 * k), Recipient.user(clients.get(2 * k + 1).user().userId().toString()));
        }
        long every = Math.max(1, run.settings.ackInterval().toMillis());
        timer = run.gateways.vertx().setPeriodic(every, id -> traffic.flushAcks());
    }

    static void checkRate(double rate, int senders) {
        if (rate / senders > MAX_RATE_PER_SENDER) {
            throw new IllegalArgumentException(String.format("%.0f messages/s over %d senders is %.1f per socket; the gateway "
                    + "allows 50 frames/s per socket: use at least %d pairs (or senders)", rate, senders, rate / senders,
                    (int) Math.ceil(rate / MAX_RATE_PER_SENDER)));
        }
    }

    @Override
    public void close() {
        run.gateways.vertx().cancelTimer(timer);
        traffic.flushAcks();
        clients.forEach(ChatClient::close);
    }
}
