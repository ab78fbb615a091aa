package dev.chat.load.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the resident memory and CPU use of the server processes the run was told about (by pid)
 * once a second, from {@code /proc/<pid>/stat} alone (user and system ticks, resident pages). CPU
 * is in percent of one core over the last second, so 200 is both cores of a 2-core machine. A
 * process that is gone is sampled as absent, not as zero.
 *
 * <p>One read and no regular expression per process: a sample runs beside the traffic it measures,
 * on a core a lone message may be waiting for. Reading two files per process, it took 2.2 ms of a
 * core a second beside a lone run; one file, 1.4 ms (the kernel's scheduler trace,
 * docs/benchmarks.md, twenty-fifth pass).
 */
public final class ProcessSampler implements AutoCloseable {

    /** Clock ticks per second of /proc/<pid>/stat; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> pids;
    private final Map<String, Stat> lastStats = new LinkedHashMap<>();
    private final Map<String, Sample> latest = new LinkedHashMap<>();
    private final List<Map<String, Object>> history = new ArrayList<>();
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "process-sampler");
        t.setDaemon(true);
        return t;
    });

    public ProcessSampler(Map<String, Long> pids) {
        this.pids = new LinkedHashMap<>(pids);
        sampleNow();
        timer.scheduleAtFixedRate(this::sampleNow, 1, 1, TimeUnit.SECONDS);
    }

    public record Sample(long rssKb, double cpuPercent) {
    }

    /** The resident set size of {@code pid} now, in KB, or -1 when it is not running. */
    public static long rssKb(long pid) {
        Stat stat = Stat.read(pid);
        return stat == null ? -1 : stat.rssKb();
    }

    /** What one read of {@code /proc/<pid>/stat} gives: CPU ticks (user and system) and resident KB. */
    private record Stat(long ticks, long rssKb, long atNanos) {

        /** Kernel pages; 4 KiB on every Linux this runs on. */
        private static final long PAGE_KB = 4;

        static Stat read(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // Fields after the command name, which is in parentheses and may hold spaces:
                // state is field 3 of proc(5), utime 14, stime 15, rss (pages) 24.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ", 23);
                return new Stat(Long.parseLong(fields[11]) + Long.parseLong(fields[12]),
                        Long.parseLong(fields[21]) * PAGE_KB, System.nanoTime());
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }

    private synchronized void sampleNow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("atSeconds", Math.round((System.nanoTime() - startNanos) / 1e8) / 10.0);
        pids.forEach((name, pid) -> {
            Stat now = Stat.read(pid);
            if (now == null) {
                latest.remove(name);
                return;
            }
            Stat before = lastStats.put(name, now);
            double cpu = before == null ? 0
                    : (now.ticks() - before.ticks()) / TICKS_PER_SECOND / ((now.atNanos() - before.atNanos()) / 1e9) * 100;
            Sample sample = new Sample(now.rssKb(), Math.round(cpu * 10) / 10.0);
            latest.put(name, sample);
            row.put(name, Map.of("rssMb", Math.round(now.rssKb() / 102.4) / 10.0, "cpuPercent", sample.cpuPercent()));
        });
        history.add(row);
    }

    public synchronized Map<String, Sample> latest() {
        return Map.copyOf(latest);
    }

    /** "gateway 412 MB 35%, message 300 MB 80%" for the progress line. */
    public synchronized String line() {
        StringBuilder line = new StringBuilder();
        latest.forEach((name, s) -> line.append(line.isEmpty() ? "" : ", ").append(name).append(' ')
                .append(s.rssKb() / 1024).append(" MB ").append(Math.round(s.cpuPercent())).append('%'));
        return line.toString();
    }

    public synchronized List<Map<String, Object>> history() {
        return List.copyOf(history);
    }

    /** Per process: the highest RSS and the mean CPU over the samples taken. */
    public synchronized Map<String, Object> summary() {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (String name : pids.keySet()) {
            double maxRss = 0;
            double cpuSum = 0;
            int n = 0;
            for (Map<String, Object> row : history) {
                if (row.get(name) instanceof Map<?, ?> s) {
                    maxRss = Math.max(maxRss, ((Number) s.get("rssMb")).doubleValue());
                    cpuSum += ((Number) s.get("cpuPercent")).doubleValue();
                    n++;
                }
            }
            if (n > 1) {
                summary.put(name, Map.of("maxRssMb", maxRss, "meanCpuPercent", Math.round(cpuSum / (n - 1) * 10) / 10.0));
            }
        }
        return summary;
    }

    public Map<String, Long> pids() {
        return Map.copyOf(pids);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
