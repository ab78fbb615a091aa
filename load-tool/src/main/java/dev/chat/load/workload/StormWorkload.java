package dev.chat.load.workload;

import dev.chat.load.client.ChatClient;
import dev.chat.load.client.ChatUser;
import dev.chat.load.client.ReceivedMessage;
import dev.chat.load.client.Recipient;
import io.vertx.core.http.UpgradeRejectedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * {@code storm}: K clients on one gateway (the victim, the first gateway given), senders on the
 * others. The senders send each victim client its messages <i>before</i> the kill, and the victims
 * receive them without acknowledging them, as a device whose gateway dies before its
 * {@code delivered} frames went out: the messages stay pending. The victim is then killed with
 * SIGKILL and the clients reconnect to the other gateways after a random delay up to the jitter,
 * as real clients spread their reconnects; a handshake refused with 503 is tried again after its
 * {@code Retry-After} plus a jitter of up to {@link #REFUSED_JITTER} (docs/protocol.md), any other
 * failure after the jitter doubled. The run ends when every client is connected again and has
 * received, on its new connection, every message sent to it, and reports how long that took from
 * the kill, with what was lost or duplicated. With {@code duringStorm} the messages are sent after
 * the kill instead, while the clients reconnect, and the run is bounded by their send rate too.
 */
public final class StormWorkload {

    /**
     * Victims per sender socket. The gateway processes one socket's sends one after another (the
     * order guarantee of docs/protocol.md), so a socket carries one send per round trip; while the
     * storm loads the system, round trips take hundreds of milliseconds, and ten senders at 40/s
     * each (the rate limit's bound alone) queued their sends for minutes. With one sender per
     * hundred victims, each sends a few messages a second.
     */
    static final int VICTIMS_PER_SENDER = 100;

    /** The jitter a client adds to a refused handshake's {@code Retry-After} ("a few seconds", docs/protocol.md). */
    static final Duration REFUSED_JITTER = Duration.ofSeconds(2);

    private final RunSettings settings;
    private final int victims;
    private final long victimPid;
    private final int messagesPerVictim;
    private final double sendRate;
    private final double connectRate;
    private final Duration jitter;
    private final Duration timeout;
    private final boolean duringStorm;

    public StormWorkload(RunSettings settings, int victims, long victimPid, int messagesPerVictim, double sendRate,
            double connectRate, Duration jitter, Duration timeout, boolean duringStorm) {
        if (settings.gateways().size() < 2) {
            throw new IllegalArgumentException("storm needs at least two gateways: the first is killed, the others take its clients");
        }
        this.settings = settings;
        this.victims = victims;
        this.victimPid = victimPid;
        this.messagesPerVictim = messagesPerVictim;
        this.sendRate = sendRate;
        this.connectRate = connectRate;
        this.jitter = jitter;
        this.timeout = timeout;
        this.duringStorm = duringStorm;
    }

    public Path run() {
        int senderCount = Math.max(1, Math.max((int) Math.ceil(sendRate / Pairs.MAX_RATE_PER_SENDER),
                (int) Math.ceil((double) victims / VICTIMS_PER_SENDER)));
        try (Run run = new Run(settings, "storm")) {
            run.parameters.put("victims", victims);
            run.parameters.put("victimPid", victimPid);
            run.parameters.put("messagesPerVictim", messagesPerVictim);
            run.parameters.put("sendRate", sendRate);
            run.parameters.put("senders", senderCount);
            run.parameters.put("reconnectJitterMs", jitter.toMillis());
            run.parameters.put("messagesSent", duringStorm ? "during the storm" : "before the kill");
            ProcessHandle victim = ProcessHandle.of(victimPid)
                    .orElseThrow(() -> new IllegalArgumentException("no process " + victimPid + " to kill"));
            List<ChatUser> users = run.users(victims + senderCount, true);
            int others = settings.gateways().size() - 1;
            Traffic traffic = new Traffic(settings.bodyLength(), run.latency, run.ackLatency, (stream, client) -> 0);
            AtomicInteger reconnected = new AtomicInteger();
            AtomicInteger reconnectFailures = new AtomicInteger();
            Histogram reconnectTimes = new Histogram(600_000_000L, 3);
            long[] killedAt = {0};
            ChatClient.Listener victimListener = new ChatClient.Listener() {
                @Override
                public void onMessage(ChatClient client, ReceivedMessage message) {
                    // Before the kill a victim holds what it receives unacknowledged: catch-up must bring it again.
                    if (killedAt[0] != 0) {
                        traffic.onMessage(client, message);
                    }
                }

                @Override
                public void onAck(ChatClient client, String clientId) {
                    traffic.onAck(client, clientId);
                }

                @Override
                public void onError(ChatClient client, String clientId, String code) {
                    traffic.onError(client, clientId, code);
                }

                @Override
                public void onClosed(ChatClient client, int code) {
                    // A connection that closes before synced is retried by the failed connect instead.
                    if (killedAt[0] != 0 && client.isSynced()) {
                        long firstDelay = 1 + ThreadLocalRandom.current().nextLong(Math.max(1, jitter.toMillis()));
                        reconnect(run, client, others, 1, firstDelay, reconnected, reconnectFailures, reconnectTimes, killedAt[0]);
                    }
                }
            };
            Run.say("[storm] connecting " + victims + " clients to the victim gateway");
            AtomicInteger failures = new AtomicInteger();
            List<ChatClient> victimClients = run.connect(users.subList(0, victims), victimListener, i -> 0, connectRate,
                    new Histogram(60_000_000L, 3), failures);
            List<ChatClient> senders = run.connect(users.subList(victims, users.size()), traffic, i -> 1 + i % others, 200,
                    new Histogram(60_000_000L, 3), failures);
            if (failures.get() > 0) {
                throw new IllegalStateException(failures.get() + " sockets failed to connect before the kill");
            }
            for (int v = 0; v < victims; v++) {
                traffic.addStream(senders.get(v % senderCount), Recipient.user(victimClients.get(v).user().userId().toString()));
            }
            long timer = run.gateways.vertx().setPeriodic(Math.max(1, settings.ackInterval().toMillis()), id -> traffic.flushAcks());
            Phase phase = traffic.newPhase(sendRate, 1);
            phase.measuring = true;
            run.showing(() -> {
                var c = phase.ledger.counts();
                return String.format("reconnected %d/%d sent %d acked %d received %d missing %d dup %d", reconnected.get(), victims,
                        c.sent(), c.acked(), c.received(), c.lost(), c.duplicated());
            }, () -> {
                var c = phase.ledger.counts();
                return new long[] {c.sent(), c.received()};
            });
            try {
                Duration sending = Duration.ofMillis(Math.max(1, Math.round(1000.0 * victims * messagesPerVictim / sendRate)));
                if (!duringStorm) {
                    Run.say("[storm] sending the victims' messages before the kill");
                    traffic.send(phase, Duration.ZERO, sending);
                    if (!traffic.awaitStored(phase, timeout)) {
                        throw new IllegalStateException("the messages sent before the kill were not all stored within " + timeout);
                    }
                }
                Run.say("[storm] killing the victim gateway (pid " + victimPid + ") with SIGKILL");
                killedAt[0] = System.nanoTime();
                victim.destroyForcibly();
                victim.onExit().get(10, TimeUnit.SECONDS);
                if (duringStorm) {
                    traffic.send(phase, Duration.ZERO, sending);
                }
                long deadline = killedAt[0] + timeout.toNanos();
                while (System.nanoTime() < deadline && reconnected.get() < victims) {
                    LockSupport.parkNanos(50_000_000L);
                }
                double allReconnected = (System.nanoTime() - killedAt[0]) / 1e9;
                boolean drained = traffic.drain(phase, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                double caughtUp = (System.nanoTime() - killedAt[0]) / 1e9;
                Outcome outcome = Outcome.of(phase, drained);
                outcome.record(run.results);
                boolean allBack = reconnected.get() == victims;
                run.results.put("reconnected", reconnected.get());
                run.results.put("reconnectAttemptsFailed", reconnectFailures.get());
                run.results.put("secondsUntilAllReconnected", allBack ? Math.round(allReconnected * 10) / 10.0 : null);
                run.results.put("secondsUntilAllCaughtUp", allBack && drained ? Math.round(caughtUp * 10) / 10.0 : null);
                run.results.put("reconnectLatencyMs", dev.chat.load.measure.Latency.summary(reconnectTimes));
                var c = outcome.counts();
                String summary = allBack && drained
                        ? String.format("%d clients of the killed gateway reconnected within %.1f s and caught up within %.1f s; "
                                + "%d messages: %d lost, %d duplicated, %d out of order", victims, allReconnected, caughtUp, c.acked(),
                                c.lost(), c.duplicated(), c.outOfOrder())
                        : String.format("after %.0f s: %d of %d clients reconnected, %d messages still missing, %d duplicated",
                                timeout.toSeconds() * 1.0, reconnected.get(), victims, c.lost(), c.duplicated());
                return run.finish(summary);
            } catch (Exception e) {
                throw new IllegalStateException("storm failed: " + e, e);
            } finally {
                run.gateways.vertx().cancelTimer(timer);
                victimClients.forEach(ChatClient::close);
                senders.forEach(ChatClient::close);
            }
        }
    }

    /**
     * Reconnects after {@code delayMillis}; after a failed attempt, again after
     * {@link #retryDelayMillis}: the refusal's {@code Retry-After} plus up to {@link #REFUSED_JITTER},
     * or, for any other failure, a random delay up to the jitter doubled per attempt.
     */
    private void reconnect(Run run, ChatClient client, int others, int attempt, long delayMillis, AtomicInteger reconnected,
            AtomicInteger failures, Histogram times, long killedAt) {
        run.gateways.vertx().setTimer(delayMillis, id -> client.connect(run.gateways, 1 + client.index() % others)
                .onSuccess(pending -> {
                    reconnected.incrementAndGet();
                    synchronized (times) {
                        times.recordValue(Math.min(600_000_000L, (System.nanoTime() - killedAt) / 1000));
                    }
                })
                .onFailure(failure -> {
                    failures.incrementAndGet();
                    if (System.nanoTime() - killedAt < timeout.toNanos()) {
                        reconnect(run, client, others, attempt + 1, retryDelayMillis(failure, attempt, jitter), reconnected, failures,
                                times, killedAt);
                    }
                }));
    }

    /** How long a client waits before its next attempt after {@code failure}, its {@code attempt}-th. */
    static long retryDelayMillis(Throwable failure, int attempt, Duration jitter) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (failure instanceof UpgradeRejectedException refused && refused.getStatus() == 503) {
            String retryAfter = refused.getHeaders() == null ? null : refused.getHeaders().get("Retry-After");
            long seconds = retryAfter != null && retryAfter.matches("\\d{1,4}") ? Long.parseLong(retryAfter) : 1;
            return seconds * 1000 + random.nextLong(REFUSED_JITTER.toMillis() + 1);
        }
        return 1 + random.nextLong(Math.max(1, jitter.toMillis() * Math.min(8, 1L << attempt)));
    }
}
