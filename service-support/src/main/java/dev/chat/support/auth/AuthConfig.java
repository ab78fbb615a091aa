package dev.chat.support.auth;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What the suite's tokens carry besides the standard claims ({@code chat.auth.*}). */
@ConfigMapping(prefix = "chat.auth")
public interface AuthConfig {

    /** The claim naming the device a token is for (the gateway reads it; local registration writes it). */
    @WithDefault("device_id")
    String deviceClaim();
}
