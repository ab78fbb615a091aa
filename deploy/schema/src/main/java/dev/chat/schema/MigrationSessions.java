package dev.chat.schema;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.time.Duration;

/**
 * Driver sessions for applying migrations. The driver completes a schema change only after it has
 * refreshed its schema metadata, and it gathers refreshes for a debounce window (one second by
 * default) so that bursts of changes by other clients cost one refresh: a migrator, whose changes
 * come one after another, would then wait that second after every table. These sessions wait
 * {@link #REFRESH_WINDOW} instead; schema agreement between nodes is still awaited after each
 * change, as always.
 */
public final class MigrationSessions {

    /** How long the driver gathers schema refreshes before it runs one. */
    static final Duration REFRESH_WINDOW = Duration.ofMillis(10);

    private MigrationSessions() {
    }

    /** A session builder with the short refresh window; add contact points and the data center. */
    public static CqlSessionBuilder builder() {
        return CqlSession.builder().withConfigLoader(configLoader());
    }

    static DriverConfigLoader configLoader() {
        return DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, REFRESH_WINDOW)
                .build();
    }
}
