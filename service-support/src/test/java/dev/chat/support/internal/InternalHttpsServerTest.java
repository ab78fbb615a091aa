package dev.chat.support.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.Test;

class InternalHttpsServerTest {

    @Test
    void theInternalPortGetsTheChosenEngineAndKeepsItsOtherSettings() {
        HttpServerOptions options = new HttpServerOptions().setSsl(true).setClientAuth(ClientAuth.REQUIRED).setPort(8443);

        new InternalHttpsServer().customizeHttpsServer(options);

        assertEquals(InternalTlsEngine.options().getClass(), options.getSslEngineOptions().getClass());
        assertTrue(options.isSsl());
        assertEquals(ClientAuth.REQUIRED, options.getClientAuth(), "client certificates stay required");
        assertEquals(8443, options.getPort());
    }

    @Test
    void internalRestClientsStartFromTheChosenEngine() {
        HttpClientOptions options = new InternalTlsClientOptions().getContext(Object.class);

        assertEquals(InternalTlsEngine.options().getClass(), options.getSslEngineOptions().getClass());
    }

    @Test
    void theEngineInUseIsNamedWithTheReasonWhenItIsTheJdks() {
        String description = InternalTlsEngine.description();

        assertTrue(InternalTlsEngine.isOpenSsl() ? description.startsWith("OpenSSL (") : description.contains("OpenSSL unavailable: "),
                description);
    }
}
