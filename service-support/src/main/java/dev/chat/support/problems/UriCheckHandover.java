package dev.chat.support.problems;

import io.quarkus.runtime.annotations.StaticInitSafe;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Hands the check of request URIs from Quarkus to {@link RequestLimits}, which refuses a bad URI
 * with a problem body where Quarkus answers a bare 400. Quarkus reads the switch, the system
 * property {@value RequestLimits#QUARKUS_URI_CHECK_OFF}, once, while its HTTP layer initialises;
 * configuration sources are built before that, at the very start of every service (main, tests,
 * dev mode), so this source sets it and holds no property itself. A JVM started with the property
 * set to {@code false} keeps Quarkus' check: a bad URI is then still refused, without a body.
 */
@StaticInitSafe
public class UriCheckHandover implements ConfigSource {

    public UriCheckHandover() {
        if (System.getProperty(RequestLimits.QUARKUS_URI_CHECK_OFF) == null) {
            System.setProperty(RequestLimits.QUARKUS_URI_CHECK_OFF, "true");
        }
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getValue(String propertyName) {
        return null;
    }

    @Override
    public String getName() {
        return "uri-check-handover";
    }

    @Override
    public int getOrdinal() {
        return 0;
    }
}
