package dev.chat.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MigrationSessionsTest {

    @Test
    void aMigrationSessionRefreshesTheSchemaWithinMillisecondsOfAChangeNotAfterTheDefaultSecond() {
        try (DriverConfigLoader loader = MigrationSessions.configLoader()) {
            DriverExecutionProfile profile = loader.getInitialConfig().getDefaultProfile();
            Duration window = profile.getDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW);
            assertEquals(MigrationSessions.REFRESH_WINDOW, window);
            assertTrue(window.compareTo(Duration.ofMillis(100)) < 0);
            try (DriverConfigLoader defaults = DriverConfigLoader.fromDefaults(MigrationSessionsTest.class.getClassLoader())) {
                assertEquals(profile.getDuration(DefaultDriverOption.REQUEST_TIMEOUT),
                        defaults.getInitialConfig().getDefaultProfile().getDuration(DefaultDriverOption.REQUEST_TIMEOUT),
                        "every other setting keeps the driver's default");
            }
        }
    }
}
