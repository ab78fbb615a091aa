package dev.chat.support.internal;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Gives the internal HTTPS port ({@code quarkus.http.ssl-port}, the internal API) the engine of
 * {@link InternalTlsEngine}. Quarkus applies the TLS registry's certificates and the client
 * certificate rule to the same options; this sets the engine only.
 */
@ApplicationScoped
public class InternalHttpsServer implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(InternalHttpsServer.class);

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        options.setSslEngineOptions(InternalTlsEngine.options());
        // Quarkus hands over HTTPS options in services without an HTTPS port too; only those with a
        // certificate open one.
        if (options.getKeyCertOptions() != null) {
            LOG.infof("internal API port: TLS by %s", InternalTlsEngine.description());
        }
    }
}
