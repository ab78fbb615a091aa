package dev.chat.stack.servers;

/**
 * The three ports of one service instance: {@code http} the public API (REST, the WebSocket),
 * {@code internal} the service-to-service API (HTTPS with client certificates, /internal/* only),
 * {@code management} health, metrics and OpenAPI under /q (docs/security.md).
 */
public record ServicePorts(int http, int internal, int management) {

    /** How far above the HTTP port the local stack puts the internal and the management port. */
    static final int INTERNAL_OFFSET = 400;
    static final int MANAGEMENT_OFFSET = 1000;

    /** The local stack's layout: gateway 8080 has its internal API on 8480 and /q on 9080. */
    public static ServicePorts besides(int http) {
        return new ServicePorts(http, http + INTERNAL_OFFSET, http + MANAGEMENT_OFFSET);
    }

    /**
     * An HTTP port for the local stack's layout ({@link #besides}) whose three ports were free a
     * moment ago and are handed out to no other caller of {@link Ports} in this process.
     */
    public static int freeHttpBesides() {
        return Ports.freeWithOffsets(0, INTERNAL_OFFSET, MANAGEMENT_OFFSET);
    }

    /** Three ports that were free on 127.0.0.1 a moment ago, for tests that run several stacks. */
    public static ServicePorts free() {
        int[] ports = Ports.distinctFree(3);
        return new ServicePorts(ports[0], ports[1], ports[2]);
    }
}
