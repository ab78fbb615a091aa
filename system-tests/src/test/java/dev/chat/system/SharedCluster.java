package dev.chat.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The cluster of three gateways and two delivery-service instances that several test classes share, so that
 * the run starts it once: the first class that needs it starts it, and JUnit closes it (every
 * process stopped by pid) when the whole run ends. Classes that kill an instance of it run last
 * (junit-platform.properties orders classes by {@code @Order}).
 */
final class SharedCluster implements BeforeAllCallback {

    private static volatile ChatCluster cluster;

    static ChatCluster get() {
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(SharedCluster.class, key -> {
            try {
                cluster = ChatCluster.start(3, 2);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ExtensionContext.Store.CloseableResource stop = cluster::close;
            return stop;
        });
    }
}
