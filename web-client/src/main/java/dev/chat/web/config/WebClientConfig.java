package dev.chat.web.config;

import io.smallrye.config.ConfigMapping;
import java.util.List;
import java.util.Optional;

/**
 * web-client's settings ({@code chat.web.*}).
 *
 * <p>In Kubernetes the ingress routes {@code /v1} and {@code /ws} to the services and {@code /} here,
 * so the browser sees one origin and this server only serves files: leave {@code proxy} unset. On
 * the local stack, where every service has a port of its own, the launcher sets {@code proxy} and
 * this server routes the same paths the ingress does, so that the client is the same in both.
 */
@ConfigMapping(prefix = "chat.web")
public interface WebClientConfig {

    Proxy proxy();

    /** Each list holds the {@code host:port} of every instance of one service's public HTTP port. */
    interface Proxy {

        /** The gateways, for {@code /ws}. Without it nothing is proxied. */
        Optional<List<String>> gateway();

        /** {@code /v1/groups}, {@code /v1/blocks}, {@code /v1/attachments}. */
        Optional<List<String>> message();

        /** {@code /v1/presence}. */
        Optional<List<String>> presence();

        /** {@code /v1/inbox}, {@code /v1/chats}. */
        Optional<List<String>> inbox();

        /** {@code /v1/accounts}, {@code /v1/contacts}. */
        Optional<List<String>> contacts();
    }
}
