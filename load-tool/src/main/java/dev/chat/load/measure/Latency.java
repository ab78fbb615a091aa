package dev.chat.load.measure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies of one kind (for example "intended send time → received"), recorded from any thread
 * into an HdrHistogram {@link Recorder}, in microseconds up to one minute with three significant
 * digits. {@link #interval} closes the current interval (for the progress line and the plot);
 * {@link #total} is everything recorded while {@link #counting} was on, which excludes warm-up.
 */
public final class Latency {

    private static final long HIGHEST_MICROS = 60_000_000L;

    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);
    private final List<Map<String, Object>> intervals = new ArrayList<>();
    private Histogram recycled;
    private volatile boolean counting = true;

    public void record(long nanos) {
        recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000)));
    }

    /** Whether what is recorded from now on counts towards {@link #total}. */
    public void counting(boolean on) {
        counting = on;
    }

    /** Closes the interval that ends {@code atSeconds} into the run and returns its histogram. */
    public synchronized Histogram interval(double atSeconds) {
        Histogram interval = recorder.getIntervalHistogram(recycled);
        recycled = interval;
        if (counting) {
            total.add(interval);
        }
        Map<String, Object> row = summary(interval);
        row.put("atSeconds", Math.round(atSeconds * 10) / 10.0);
        intervals.add(row);
        return interval;
    }

    public synchronized Histogram total() {
        return total.copy();
    }

    public synchronized List<Map<String, Object>> intervals() {
        return List.copyOf(intervals);
    }

    /** count, p50, p90, p99, p99.9 and max of {@code histogram}, in milliseconds. */
    public static Map<String, Object> summary(Histogram histogram) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("count", histogram.getTotalCount());
        row.put("p50Ms", millis(histogram.getValueAtPercentile(50)));
        row.put("p90Ms", millis(histogram.getValueAtPercentile(90)));
        row.put("p99Ms", millis(histogram.getValueAtPercentile(99)));
        row.put("p999Ms", millis(histogram.getValueAtPercentile(99.9)));
        row.put("maxMs", millis(histogram.getMaxValue()));
        return row;
    }

    public static double millis(long micros) {
        return Math.round(micros / 100.0) / 10.0;
    }
}
