package dev.chat.load.workload;

import dev.chat.load.client.ChatClient;
import dev.chat.load.client.ChatUser;
import dev.chat.load.measure.Latency;
import dev.chat.load.measure.ProcessSampler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * {@code connections}: opens N authenticated sockets at a given rate, each counted once the
 * gateway has registered its route and said {@code synced}, holds them idle, and reports the
 * connect rate, the connect latency, and the resident memory each socket costs the gateways
 * (their RSS growth from before the first socket to the end of the hold, divided by the sockets).
 */
public final class ConnectionsWorkload {

    private final RunSettings settings;
    private final int sockets;
    private final double connectRate;
    private final Duration hold;
    private final boolean accounts;

    public ConnectionsWorkload(RunSettings settings, int sockets, double connectRate, Duration hold, boolean accounts) {
        this.settings = settings;
        this.sockets = sockets;
        this.connectRate = connectRate;
        this.hold = hold;
        this.accounts = accounts;
    }

    public Path run() {
        try (Run run = new Run(settings, "connections")) {
            run.parameters.put("sockets", sockets);
            run.parameters.put("connectRate", connectRate);
            run.parameters.put("holdSeconds", hold.toSeconds());
            List<ChatUser> users = run.users(sockets, accounts);
            Map<String, Long> before = rss(run.sampler);
            AtomicInteger failures = new AtomicInteger();
            AtomicInteger closedByServer = new AtomicInteger();
            Histogram connectTimes = new Histogram(60_000_000L, 3);
            AtomicInteger open = new AtomicInteger();
            run.showing(() -> "open " + open.get() + " failed " + failures.get() + " closed by server " + closedByServer.get(),
                    () -> new long[] {0, 0});
            ChatClient.Listener listener = new ChatClient.Listener() {
                @Override
                public void onReady(ChatClient client) {
                    open.incrementAndGet();
                }

                @Override
                public void onClosed(ChatClient client, int code) {
                    closedByServer.incrementAndGet();
                    open.decrementAndGet();
                }
            };
            double started = run.seconds();
            List<ChatClient> clients = run.connect(users, listener, i -> i, connectRate, connectTimes, failures);
            double connectSeconds = run.seconds() - started;
            LockSupport.parkNanos(hold.toNanos());
            Map<String, Long> after = rss(run.sampler);
            int held = open.get();

            Map<String, Object> perSocket = new LinkedHashMap<>();
            long growthKb = 0;
            for (var entry : after.entrySet()) {
                long grew = entry.getValue() - before.getOrDefault(entry.getKey(), entry.getValue());
                growthKb += grew;
                perSocket.put(entry.getKey(), Map.of("rssBeforeMb", before.getOrDefault(entry.getKey(), 0L) / 1024,
                        "rssAfterMb", entry.getValue() / 1024));
            }
            double kbPerSocket = held == 0 ? 0 : (double) growthKb / held;
            run.results.put("connected", clients.size());
            run.results.put("failed", failures.get());
            run.results.put("heldAtEnd", held);
            run.results.put("closedByServer", closedByServer.get());
            run.results.put("connectSeconds", Math.round(connectSeconds * 10) / 10.0);
            run.results.put("connectsPerSecond", Math.round(clients.size() / connectSeconds));
            run.results.put("connectLatencyMs", Latency.summary(connectTimes));
            run.results.put("watchedRss", perSocket);
            run.results.put("rssPerSocketKb", Math.round(kbPerSocket * 10) / 10.0);
            String summary = String.format("%d of %d sockets held (%d failed, %d closed by server), %.0f connects/s, "
                    + "connect p99 %.1f ms, %s", held, sockets, failures.get(), closedByServer.get(),
                    clients.size() / connectSeconds, Latency.millis(connectTimes.getValueAtPercentile(99)),
                    after.isEmpty() ? "no server process watched" : String.format("%.1f KB RSS per socket", kbPerSocket));
            Path result = run.finish(summary);
            clients.forEach(ChatClient::close);
            return result;
        }
    }

    private static Map<String, Long> rss(ProcessSampler sampler) {
        Map<String, Long> rss = new LinkedHashMap<>();
        sampler.pids().forEach((name, pid) -> {
            if (name.startsWith("gateway")) {
                long kb = ProcessSampler.rssKb(pid);
                if (kb >= 0) {
                    rss.put(name, kb);
                }
            }
        });
        return rss;
    }
}
