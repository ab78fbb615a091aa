package dev.chat.stack.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class InfrastructureModeTest {

    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;

    @Test
    void autoPrefersARunningStackThenDockerThenProcesses() {
        assertEquals(InfrastructureMode.REUSE, InfrastructureMode.choose(null, true, DOCKER));
        assertEquals(InfrastructureMode.CONTAINERS, InfrastructureMode.choose("auto", false, DOCKER));
        assertEquals(InfrastructureMode.PROCESSES, InfrastructureMode.choose("", false, NO_DOCKER));
    }

    @Test
    void dockerIsNotAskedWhenARunningStackIsReused() {
        AtomicBoolean asked = new AtomicBoolean();
        InfrastructureMode.choose("auto", true, () -> asked.getAndSet(true));
        assertFalse(asked.get());
    }

    @Test
    void aForcedModeWins() {
        assertEquals(InfrastructureMode.PROCESSES, InfrastructureMode.choose("processes", true, DOCKER));
        assertEquals(InfrastructureMode.CONTAINERS, InfrastructureMode.choose("CONTAINERS", true, DOCKER));
        assertEquals(InfrastructureMode.REUSE, InfrastructureMode.choose("reuse", true, NO_DOCKER));
    }

    @Test
    void aForcedModeThatCannotBeHadFailsWithTheReason() {
        IllegalStateException noStack = assertThrows(IllegalStateException.class,
                () -> InfrastructureMode.choose("reuse", false, DOCKER));
        assertEquals("local-stack.test-infra=reuse, but no local stack is running;"
                + " start one with deploy/local-stack/start.sh --servers-only", noStack.getMessage());
        assertThrows(IllegalStateException.class, () -> InfrastructureMode.choose("containers", false, NO_DOCKER));
        assertThrows(IllegalArgumentException.class, () -> InfrastructureMode.choose("docker", false, DOCKER));
    }
}
