package dev.chat.load.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class ProcessSamplerTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void residentSizeReadFromStatMatchesWhatStatusReports() throws Exception {
        long fromStatus = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow();

        long fromStat = ProcessSampler.rssKb(SELF);

        // Both are the same kernel counter read a moment apart; the JVM may touch a few pages between.
        assertEquals(fromStatus, fromStat, fromStatus * 0.05, "VmRSS " + fromStatus + " KB against stat's " + fromStat + " KB");
    }

    @Test
    void aProcessThatIsNotRunningHasNoSize() {
        assertEquals(-1, ProcessSampler.rssKb(Long.MAX_VALUE));
    }

    @Test
    void aBusyProcessSamplesAsUsingCpuAndAGoneOneAsAbsent() throws Exception {
        try (ProcessSampler sampler = new ProcessSampler(Map.of("self", SELF, "gone", Long.MAX_VALUE))) {
            long until = System.nanoTime() + 1_300_000_000L;
            long spin = 0;
            while (System.nanoTime() < until) {
                spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
            }
            assertTrue(spin > 0);
            Map<String, ProcessSampler.Sample> latest = sampler.latest();
            assertTrue(latest.get("self").cpuPercent() > 20, "a core spun for a second: " + latest.get("self"));
            assertTrue(latest.get("self").rssKb() > 0);
            assertFalse(latest.containsKey("gone"));
        }
    }
}
