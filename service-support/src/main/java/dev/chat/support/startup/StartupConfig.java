package dev.chat.support.startup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How a service waits for its servers at start-up ({@code chat.startup.*}; {@link DependencyStartupCheck}). */
@ConfigMapping(prefix = "chat.startup")
public interface StartupConfig {

    /** Whether the start waits for every configured server to accept a connection. */
    @WithDefault("true")
    boolean dependencyCheck();

    /** How long the start waits for them before it fails, naming the ones that did not answer. */
    @WithDefault("30s")
    Duration dependencyTimeout();
}
