package dev.chat.support.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InternalApiGuardTest {

    @Test
    void pathsUnderInternalAreInternalAndNoOthers() {
        assertTrue(InternalApiGuard.isInternal("/internal/v1/messages"));
        assertTrue(InternalApiGuard.isInternal("/internal"));
        assertTrue(InternalApiGuard.isInternal("/internal/"));
        assertFalse(InternalApiGuard.isInternal("/internals"));
        assertFalse(InternalApiGuard.isInternal("/v1/internal/x"));
        assertFalse(InternalApiGuard.isInternal("/ws"));
        assertFalse(InternalApiGuard.isInternal(null));
    }

    @Test
    void theCallerIsTheCertificatesCommonName() {
        assertEquals("gateway-service", InternalApiGuard.commonName("CN=gateway-service"));
        assertEquals("delivery-service", InternalApiGuard.commonName("CN=delivery-service,O=chat,C=DE"));
        assertEquals("", InternalApiGuard.commonName("O=chat"));
        assertEquals("", InternalApiGuard.commonName("not a name"));
    }
}
