package dev.chat.delivery.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.routing.GatewayStatus;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class GatewayRegistryTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<List<String>> reads = new ArrayList<>();
    private final Map<String, GatewayStatus> inRedis = new HashMap<>(Map.of("g-1", new GatewayStatus("10.0.0.1:8443", true)));
    private final GatewayRegistry registry = new GatewayRegistry(this::statusOf, now::get, null);

    private Uni<Map<String, GatewayStatus>> statusOf(Collection<String> ids) {
        reads.add(List.copyOf(ids));
        Map<String, GatewayStatus> there = new HashMap<>();
        ids.forEach(id -> {
            if (inRedis.containsKey(id)) {
                there.put(id, inRedis.get(id));
            }
        });
        return Uni.createFrom().item(there);
    }

    private Map<String, GatewayStatus> reachable(String... ids) {
        return registry.reachable(List.of(ids)).await().atMost(WAIT);
    }

    @Test
    void anInstanceUsedRecentlyIsReadInTheBackgroundNotOnTheDeliveryPath() {
        assertEquals(Map.of("g-1", inRedis.get("g-1")), reachable("g-1"));
        for (int tick = 0; tick < 10; tick++) {
            now.addAndGet(GatewayRegistry.REFRESH_MILLIS);
            registry.refresh();
            reachable("g-1");
        }
        assertEquals(1 + 10, reads.size(), "one read on first use, then one per refresh: " + reads);
    }

    @Test
    void aRefreshSeesAnInstanceGoAndTheNextDeliveryLeavesItOut() {
        reachable("g-1");
        inRedis.remove("g-1");
        now.addAndGet(GatewayRegistry.REFRESH_MILLIS);
        registry.refresh();
        assertEquals(Map.of(), reachable("g-1"));
        assertEquals(2, reads.size());
    }

    @Test
    void withoutRefreshesAnEntryOlderThanTheCacheIsReadAgainOnThePath() {
        reachable("g-1");
        now.addAndGet(GatewayRegistry.CACHE_MILLIS);
        reachable("g-1");
        assertEquals(List.of(List.of("g-1"), List.of("g-1")), reads);
    }

    @Test
    void anInstanceUnusedForAMinuteIsNoLongerRefreshed() {
        reachable("g-1");
        now.addAndGet(GatewayRegistry.IDLE_MILLIS);
        registry.refresh();
        assertEquals(1, reads.size(), "nothing read for an idle instance: " + reads);
    }

    @Test
    void anInstanceMarkedGoneIsLeftOutWhateverItsKeysSay() {
        reachable("g-1");
        registry.markGone("g-1");
        now.addAndGet(GatewayRegistry.REFRESH_MILLIS);
        registry.refresh();
        assertTrue(reachable("g-1").isEmpty());
        now.addAndGet(GatewayRegistry.GONE_MEMORY_MILLIS);
        assertEquals(Map.of("g-1", inRedis.get("g-1")), reachable("g-1"));
    }
}
