package dev.chat.contacts.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of contacts-service ({@code chat.*}), each default set here and only here (README,
 * Configuration). Shared settings are service-support's ({@code chat.startup.*}, {@code chat.auth.*}).
 */
@ConfigMapping(prefix = "chat")
public interface ContactsServiceConfig {

    Accounts accounts();

    Contacts contacts();

    interface Accounts {

        /** How accounts come to be ({@link RegistrationMode}); dev mode and the tests use {@code local}. */
        @WithDefault("identity-provider")
        RegistrationMode registration();

        LocalTokens localTokens();

        interface LocalTokens {
            /** How long a token issued at local registration is valid. */
            @WithDefault("24h")
            Duration ttl();
        }
    }

    interface Contacts {

        /** After this long without presence-service's answer, contacts are listed without presence. */
        @WithDefault("1s")
        Duration presenceTimeout();
    }
}
