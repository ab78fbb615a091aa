package dev.chat.support.internal;

import io.vertx.core.http.HttpClientOptions;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * The HTTP client options a REST client of an internal API starts from (register it with
 * {@code @RegisterProvider}): the engine of {@link InternalTlsEngine}. The REST client applies its
 * {@code quarkus.rest-client.*} settings and the TLS registry's certificates on top of them.
 */
public class InternalTlsClientOptions implements ContextResolver<HttpClientOptions> {

    @Override
    public HttpClientOptions getContext(Class<?> type) {
        return new HttpClientOptions().setSslEngineOptions(InternalTlsEngine.options());
    }
}
