package dev.chat.load.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A PNG of one run: above, delivery latency per progress interval (p50, p99, max, on a log
 * scale in milliseconds); below, messages sent and received per second.
 */
public final class LatencyPlot {

    private LatencyPlot() {
    }

    public static void write(Path png, String title, List<Map<String, Object>> latency, List<Map<String, Object>> rates) {
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection latencies = new XYSeriesCollection();
        latencies.addSeries(series("p50", latency, "p50Ms"));
        latencies.addSeries(series("p99", latency, "p99Ms"));
        latencies.addSeries(series("max", latency, "maxMs"));
        LogarithmicAxis ms = new LogarithmicAxis("latency (ms)");
        ms.setAllowNegativesFlag(true);
        ms.setAutoRangeMinimumSize(1);
        XYPlot latencyPlot = new XYPlot(latencies, null, ms, renderer());

        XYSeriesCollection throughput = new XYSeriesCollection();
        throughput.addSeries(series("sent/s", rates, "sentPerSecond"));
        throughput.addSeries(series("received/s", rates, "receivedPerSecond"));
        XYPlot ratePlot = new XYPlot(throughput, null, new NumberAxis("messages per second"), renderer());

        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("seconds into the run"));
        plot.add(latencyPlot, 3);
        plot.add(ratePlot, 2);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.PLAIN, 12), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        try {
            ChartUtils.saveChartAsPNG(png.toFile(), chart, 1100, 700);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static XYLineAndShapeRenderer renderer() {
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < 3; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        return renderer;
    }

    private static XYSeries series(String name, List<Map<String, Object>> rows, String field) {
        XYSeries series = new XYSeries(name);
        for (Map<String, Object> row : rows) {
            if (row.get(field) instanceof Number value && row.get("atSeconds") instanceof Number at
                    && (!(row.get("count") instanceof Number n) || n.longValue() > 0)) {
                series.add(at.doubleValue(), Math.max(0.01, value.doubleValue()));
            }
        }
        return series;
    }
}
