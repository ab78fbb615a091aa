package dev.chat.load.workload;

import dev.chat.load.client.Accounts;
import dev.chat.load.client.ChatClient;
import dev.chat.load.client.ChatUser;
import dev.chat.load.client.Gateways;
import dev.chat.load.client.Protocol;
import dev.chat.load.measure.Latency;
import dev.chat.load.measure.ProcessSampler;
import dev.chat.load.report.ResultFiles;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * One run of a workload: the sockets, the process sampler, the latency records, the progress
 * line and the result files. Everything it opened is closed by {@link #close}.
 */
public final class Run implements AutoCloseable {

    private static final int CONNECTS_IN_FLIGHT = 256;

    final RunSettings settings;
    final String workload;
    final Gateways gateways;
    final ProcessSampler sampler;
    final Latency latency = new Latency();
    final Latency ackLatency = new Latency();
    final Map<String, Object> parameters = new LinkedHashMap<>();
    final Map<String, Object> results = new LinkedHashMap<>();
    private final List<Map<String, Object>> rates = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private final String startedAt = Instant.now().toString();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "progress");
        t.setDaemon(true);
        return t;
    });
    private volatile Supplier<String> status = () -> "";
    private volatile Supplier<long[]> counters = () -> new long[] {0, 0};
    private long[] lastCounters = {0, 0};

    public Run(RunSettings settings, String workload) {
        this.settings = settings;
        this.workload = workload;
        this.gateways = new Gateways(settings.gateways(), settings.sourceAddresses(), settings.eventLoops());
        // The tool itself too: on a machine it shares with the servers, its CPU is theirs to lose.
        Map<String, Long> watched = new LinkedHashMap<>(settings.watch());
        watched.put("load-tool", ProcessHandle.current().pid());
        this.sampler = new ProcessSampler(watched);
        long every = settings.progress().toMillis();
        ticker.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /**
     * What the progress line shows besides latency and server use, and the two counters whose
     * rates it prints (messages sent and received).
     */
    void showing(Supplier<String> status, Supplier<long[]> counters) {
        this.status = status;
        this.counters = counters;
    }

    /** Makes the progress line show {@code phase}'s counts, its messages' arrivals called {@code received}. */
    void showing(Phase phase, String received) {
        showing(() -> {
            var c = phase.ledger.counts();
            return String.format("sent %d acked %d %s %d lost %d dup %d ooo %d refused %d", c.sent(), c.acked(), received,
                    c.received(), c.lost(), c.duplicated(), c.outOfOrder(), c.refused());
        }, () -> {
            var c = phase.ledger.counts();
            return new long[] {c.sent(), c.received()};
        });
    }

    private void tick() {
        try {
            double at = seconds();
            Histogram interval = latency.interval(at);
            long[] now = counters.get();
            double every = settings.progress().toMillis() / 1000.0;
            Map<String, Object> rate = new LinkedHashMap<>();
            rate.put("atSeconds", Math.round(at * 10) / 10.0);
            rate.put("sentPerSecond", Math.round((now[0] - lastCounters[0]) / every));
            rate.put("receivedPerSecond", Math.round((now[1] - lastCounters[1]) / every));
            synchronized (rates) {
                rates.add(rate);
            }
            lastCounters = now;
            ackLatency.interval(at);
            String latencyPart = interval.getTotalCount() == 0 ? "" : String.format(" | p50 %.1f ms p99 %.1f ms max %.1f ms",
                    Latency.millis(interval.getValueAtPercentile(50)), Latency.millis(interval.getValueAtPercentile(99)),
                    Latency.millis(interval.getMaxValue()));
            String servers = sampler.line();
            say(String.format("[%s %4.0fs] %s%s%s", workload, at, status.get(), latencyPart,
                    servers.isEmpty() ? "" : " | " + servers));
        } catch (RuntimeException e) {
            say("[" + workload + "] progress failed: " + e);
        }
    }

    /**
     * {@code count} users: from the accounts file when it holds enough (of the right kind),
     * else registered through the protocol ({@code accounts}, or always where the protocol mints
     * none) or minted with the local stack's key, and then kept in the file.
     */
    List<ChatUser> users(int count, boolean needAccounts) {
        Protocol protocol = settings.protocol();
        boolean registered = needAccounts || !protocol.mintsListenOnlyUsers();
        Path file = settings.accountsFile();
        if (file != null) {
            Path kept = registered ? file : file.resolveSibling(file.getFileName() + ".minted");
            if (Files.exists(kept)) {
                List<ChatUser> known = Accounts.load(kept);
                if (known.size() >= count) {
                    say("[" + workload + "] " + count + " users from " + kept);
                    return known.subList(0, count);
                }
            }
        }
        List<ChatUser> users;
        long started = System.nanoTime();
        if (registered || settings.keyDir() == null) {
            say("[" + workload + "] registering " + count + " accounts at " + protocol.accountsLocation());
            users = protocol.register(count);
        } else {
            users = Accounts.mint(settings.keyDir(), count);
        }
        say(String.format("[%s] %d users ready in %.1f s", workload, count, (System.nanoTime() - started) / 1e9));
        if (file != null) {
            Accounts.save(registered ? file : file.resolveSibling(file.getFileName() + ".minted"), users);
        }
        return users;
    }

    /**
     * Opens a socket per user, at most {@code perSecond} new ones a second and
     * {@value #CONNECTS_IN_FLIGHT} in flight, to gateway {@code gatewayOf(i)}, in the run's
     * protocol; returns the clients that became ready ({@code synced}). The connect latencies
     * (handshake to ready) go into {@code connectTimes}.
     */
    List<ChatClient> connect(List<ChatUser> users, ChatClient.Listener listener, IntUnaryOperator gatewayOf,
            double perSecond, Histogram connectTimes, AtomicInteger failures) {
        List<ChatClient> clients = new ArrayList<>(users.size());
        ChatClient[] connected = new ChatClient[users.size()];
        CountDownLatch done = new CountDownLatch(users.size());
        Semaphore inFlight = new Semaphore(CONNECTS_IN_FLIGHT);
        long period = Math.max(1, Math.round(1e9 / perSecond));
        long start = System.nanoTime();
        for (int i = 0; i < users.size(); i++) {
            long wait = start + i * period - System.nanoTime();
            if (wait > 20_000) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquireUninterruptibly();
            ChatClient client = settings.protocol().newClient(users.get(i), i, listener);
            int slot = i;
            long began = System.nanoTime();
            Future<Integer> synced = client.connect(gateways, gatewayOf.applyAsInt(i));
            synced.onComplete(ar -> {
                inFlight.release();
                if (ar.succeeded()) {
                    connected[slot] = client;
                    synchronized (connectTimes) {
                        connectTimes.recordValue(Math.min(60_000_000L, (System.nanoTime() - began) / 1000));
                    }
                } else {
                    failures.incrementAndGet();
                }
                done.countDown();
            });
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ChatClient c : connected) {
            if (c != null) {
                clients.add(c);
            }
        }
        return clients;
    }

    /**
     * Collects the tool's own garbage before its traffic starts. The first young collection of a
     * JVM copies everything its set-up left alive (the accounts, the sockets, the libraries'
     * caches): 20 ms for this tool, measured in a lone run, where it fell among the measured
     * messages and was counted as the system's latency. After this collection the traffic's
     * young collections copy only what is in flight.
     */
    static void collectSetUpGarbage() {
        System.gc();
    }

    /** Writes the JSON result and the plot, prints the summary line; returns the JSON file. */
    Path finish(String summary) {
        tick();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("workload", workload);
        document.put("protocol", settings.protocol().name());
        document.put("startedAt", startedAt);
        document.put("durationSeconds", Math.round(seconds() * 10) / 10.0);
        document.put("parameters", parameters);
        document.put("gateways", settings.gateways().stream().map(Object::toString).toList());
        document.put("results", results);
        document.put("summary", summary);
        document.put("latencyMs", Latency.summary(latency.total()));
        document.put("ackLatencyMs", Latency.summary(ackLatency.total()));
        document.put("servers", sampler.summary());
        document.put("latencyIntervals", latency.intervals());
        synchronized (rates) {
            document.put("rates", List.copyOf(rates));
        }
        document.put("serverSamples", sampler.history());
        Path json = ResultFiles.write(settings.resultsDir(), workload, document);
        say("[" + workload + "] result " + json + " and " + ResultFiles.plotOf(json));
        say("SUMMARY " + workload + ": " + summary);
        return json;
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        sampler.close();
        gateways.close();
    }
}
