package dev.chat.load.chaos;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services' own counts of the repairs a run needed (routes restored, repairs and catch-ups that
 * failed, heartbeats that lapsed, deliveries to users with no route, hand-offs given up), read from
 * each instance's Prometheus endpoint at the end of a run and summed over instances. They explain
 * a verdict; they are no check. An instance restarted by a fault counts from its restart only.
 */
final class ServiceCounters {

    /** Prometheus series read, with the services that have them. */
    static final List<String> GATEWAY_SERIES = List.of("gateway_routes_restored_total", "gateway_repairs_failures_total",
            "gateway_catchup_failures_total", "gateway_heartbeat_lapses_total");
    static final List<String> DELIVERY_SERIES = List.of("delivery_recipients_total{state=\"offline\"",
            "delivery_handoffs_total{outcome=\"failed\"", "delivery_late_gateway_handoffs_total");

    private ServiceCounters() {
    }

    /** The counters, summed over the instances that answered; one that did not is named instead. */
    static Map<String, Object> read(ChaosStack stack) {
        Map<String, Object> counts = new LinkedHashMap<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (int i = 1; i <= stack.services.instances("gateway").size(); i++) {
            add(counts, http, stack.metricsUrl("gateway", i), GATEWAY_SERIES);
        }
        for (int i = 1; i <= stack.services.instances("delivery").size(); i++) {
            add(counts, http, stack.metricsUrl("delivery", i), DELIVERY_SERIES);
        }
        return counts;
    }

    private static void add(Map<String, Object> counts, HttpClient http, String url, List<String> series) {
        String text;
        try {
            text = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            counts.put("unanswered " + url, e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        sum(text, series).forEach((name, value) -> counts.merge(name, value, (a, b) -> (double) a + (double) b));
    }

    /** The values of the series named (a name, or a name and the start of its labels), summed per series. */
    static Map<String, Double> sum(String prometheusText, List<String> series) {
        Map<String, Double> sums = new LinkedHashMap<>();
        series.forEach(s -> sums.put(s, 0.0));
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            for (String s : series) {
                boolean labelled = s.contains("{");
                if (labelled ? line.startsWith(s) : line.startsWith(s + " ") || line.startsWith(s + "{")) {
                    sums.merge(s, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                }
            }
        }
        return sums;
    }
}
