package dev.chat.message.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Blocking ({@code chat.blocks.*}; dev.chat.message.domain.Blocks); each default is set here and only here. */
@ConfigMapping(prefix = "chat.blocks")
public interface BlocksConfig {

    /** The most users one user may have blocked at a time. */
    @WithDefault("10000")
    int maxPerUser();

    /**
     * Safety net for a lost announcement: a cached block list older than this is served once more
     * while it is re-read in the background.
     */
    @WithDefault("60s")
    Duration cacheRefresh();

    /** A cached block list older than this is re-read before it is used. */
    @WithDefault("10m")
    Duration cacheTtl();
}
