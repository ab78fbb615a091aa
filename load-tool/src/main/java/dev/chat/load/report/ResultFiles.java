package dev.chat.load.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A run's files: {@code <workload>-<yyyyMMdd-HHmmss>.json} with everything measured, and beside it
 * a {@code .png} plot of latency and rates over the run ({@link LatencyPlot}).
 */
public final class ResultFiles {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultFiles() {
    }

    public static Path write(Path dir, String workload, Map<String, Object> document) {
        try {
            Files.createDirectories(dir);
            String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
            Path json = dir.resolve(workload + "-" + stamp + ".json");
            JSON.writeValue(json.toFile(), document);
            LatencyPlot.write(plotOf(json), workload + " — " + document.get("summary"),
                    list(document.get("latencyIntervals")), list(document.get("rates")));
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path plotOf(Path json) {
        return json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", ".png"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }
}
