package dev.chat.stack.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsTest {

    @Test
    void aTakenPortIsNamedWithItsPurposeAndTheOptionThatMovesIt() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> Ports.requireFree(port, "Redis", "--redis-port"));
            assertEquals("port " + port + " (Redis) is already in use on 127.0.0.1. Stop whatever listens there,"
                    + " or choose another port with --redis-port.", e.getMessage());
        }
    }

    @Test
    void theFivePortsOfATestStackAreAllDifferentAndFree() {
        for (int attempt = 0; attempt < 200; attempt++) {
            ServerPorts ports = ServerPorts.free();
            Set<Integer> distinct = Set.of(ports.cassandra(), ports.cassandraStorage(), ports.kafka(), ports.kafkaController(),
                    ports.redis()); // Set.of refuses duplicates
            assertEquals(5, distinct.size());
            distinct.forEach(port -> assertFalse(Ports.isOpen(port), "port " + port + " is free"));
            distinct.forEach(port -> assertTrue(port >= Ports.LOWEST && port < Ports.HIGHEST,
                    "port " + port + " is below the ephemeral range, where no outgoing connection takes it"));
        }
    }

    @Test
    void aServicesThreePortsAreFreeAndHandedOutOnce() {
        Set<Integer> seen = new java.util.HashSet<>();
        for (int attempt = 0; attempt < 100; attempt++) {
            ServicePorts ports = ServicePorts.besides(ServicePorts.freeHttpBesides());
            for (int port : new int[] {ports.http(), ports.internal(), ports.management()}) {
                assertTrue(seen.add(port), "port " + port + " handed out twice");
                assertFalse(Ports.isOpen(port), "port " + port + " is free");
                assertTrue(port >= Ports.LOWEST && port < Ports.HIGHEST, "port " + port + " is below the ephemeral range");
            }
        }
        int single = Ports.free();
        assertFalse(seen.contains(single), "a later single port is none of them");
    }
}
