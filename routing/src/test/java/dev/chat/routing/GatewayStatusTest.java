package dev.chat.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class GatewayStatusTest {

    @Test
    void aBeatingInstanceIsOnlineAndReachableAtItsHeartbeatAddress() {
        GatewayStatus status = GatewayStatus.of("10.0.0.1:8443", "10.0.0.1:8443").orElseThrow();
        assertTrue(status.countsAsOnline());
        assertEquals("10.0.0.1:8443", status.address());
    }

    @Test
    void aLateInstanceIsStillHandedFramesButNotCountedOnline() {
        GatewayStatus status = GatewayStatus.of(null, "10.0.0.2:8443").orElseThrow();
        assertFalse(status.countsAsOnline());
        assertEquals("10.0.0.2:8443", status.address());
    }

    @Test
    void anInstanceWithNeitherKeyIsGone() {
        assertEquals(Optional.empty(), GatewayStatus.of(null, null));
    }
}
