package dev.chat.gateway.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** This gateway instance's id, fixed for the life of the process. */
@ApplicationScoped
public class GatewayIdentity {

    private final String instanceId;

    public GatewayIdentity(GatewayConfig config) {
        this.instanceId = config.instanceId().orElseGet(GatewayIdentity::generated);
    }

    public String instanceId() {
        return instanceId;
    }

    private static String generated() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "gateway";
            }
        }
        byte[] suffix = new byte[4];
        ThreadLocalRandom.current().nextBytes(suffix);
        return host + "-" + HexFormat.of().formatHex(suffix);
    }
}
