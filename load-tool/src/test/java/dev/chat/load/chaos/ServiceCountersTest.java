package dev.chat.load.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceCountersTest {

    @Test
    void seriesAreSummedOverTheirLabelsAndALabelledSeriesCountsOnlyItsOwnLines() {
        String text = """
                # HELP delivery_recipients_total Frames whose user had no connected device
                # TYPE delivery_recipients_total counter
                delivery_recipients_total{state="offline"} 12.0
                delivery_recipients_total{state="online"} 900.0
                gateway_routes_restored_total 103.0
                gateway_routes_restored_totally_different 5.0
                """;

        Map<String, Double> sums = ServiceCounters.sum(text, List.of("delivery_recipients_total{state=\"offline\"",
                "gateway_routes_restored_total", "gateway_repairs_failures_total"));

        assertEquals(Map.of("delivery_recipients_total{state=\"offline\"", 12.0, "gateway_routes_restored_total", 103.0,
                "gateway_repairs_failures_total", 0.0), sums);
    }
}
