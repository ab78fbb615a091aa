package dev.chat.load.workload;

import dev.chat.load.client.ChatClient;
import dev.chat.load.client.ChatUser;
import dev.chat.load.client.Recipient;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
/**
 * {@code group}: one group of M registered members, all connected (spread over the gateways);
 * S of them send at a total rate R, and every message must reach the other M−1 members. Latency
 * is per delivery (intended send time → one member received it), so the tail shows how long
 * the whole fan-out takes.
 */
public final class GroupWorkload {

    private final RunSettings settings;
    private final int members;
    private final int senders;
    private final double rate;
    private final Duration warmup;
    private final Duration duration;
    private final Duration drain;

    public GroupWorkload(RunSettings settings, int members, int senders, double rate, Duration warmup, Duration duration,
            Duration drain) {
        if (members < 2 || senders < 1 || senders > members) {
            throw new IllegalArgumentException("a group needs at least 2 members and between 1 and M senders");
        }
        Pairs.checkRate(rate, senders);
        this.settings = settings;
        this.members = members;
        this.senders = senders;
        this.rate = rate;
        this.warmup = warmup;
        this.duration = duration;
        this.drain = drain;
    }

    public Path run() {
        try (Run run = new Run(settings, "group")) {
            run.parameters.put("members", members);
            run.parameters.put("senders", senders);
            run.parameters.put("rate", rate);
            run.parameters.put("warmupSeconds", warmup.toSeconds());
            run.parameters.put("durationSeconds", duration.toSeconds());
            List<ChatUser> users = run.users(members, true);
            String groupId = settings.protocol().createGroup(users);
            Run.say("[group] group " + groupId + " with " + members + " members; connecting them");
            // Stream s is member s's messages; member m is receiver slot m (or m-1 after the sender).
            Traffic traffic = new Traffic(settings.bodyLength(), run.latency, run.ackLatency,
                    (stream, member) -> member < stream ? member : member - 1);
            AtomicInteger failures = new AtomicInteger();
            List<ChatClient> clients = run.connect(users, traffic, i -> i, 500, new Histogram(60_000_000L, 3), failures);
            if (clients.size() != members) {
                throw new IllegalStateException(failures.get() + " of " + members + " members failed to connect");
            }
            join(clients, groupId);
            for (int s = 0; s < senders; s++) {
                traffic.addStream(clients.get(s), Recipient.group(groupId));
            }
            long timer = run.gateways.vertx().setPeriodic(Math.max(1, settings.ackInterval().toMillis()), id -> traffic.flushAcks());
            try {
                Phase phase = traffic.newPhase(rate, members - 1);
                run.showing(phase, "deliveries");
                Run.collectSetUpGarbage();
                traffic.send(phase, warmup, warmup.plus(duration));
                boolean drained = traffic.drain(phase, drain);
                Outcome outcome = Outcome.of(phase, drained);
                String line = outcome.record(run.results);
                run.results.put("deliveriesPerSecond", Math.round(phase.achievedRate() * (members - 1)));
                return run.finish(members + " members, " + senders + " senders: " + line);
            } finally {
                run.gateways.vertx().cancelTimer(timer);
                clients.forEach(ChatClient::close);
            }
        }
    }

    /**
     * Lets every connected member join the group where the protocol needs that (XMPP rooms: the
     * first member creates the room, so it goes first); the chat protocol's members are in already.
     */
    private void join(List<ChatClient> clients, String groupId) {
        try {
            settings.protocol().joinGroup(clients.get(0), groupId).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            List<Future<Void>> joins = clients.subList(1, clients.size()).stream()
                    .map(member -> settings.protocol().joinGroup(member, groupId)).toList();
            Future.all(joins).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("members could not join group " + groupId + ": " + e, e);
        }
    }
}
