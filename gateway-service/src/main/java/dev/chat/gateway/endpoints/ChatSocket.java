package dev.chat.gateway.endpoints;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.common.protocol.ServerFrames;
import dev.chat.gateway.auth.AuthenticatedDevice;
import dev.chat.gateway.routing.RouteRegistry;
import dev.chat.gateway.protocol.FrameParser;
import dev.chat.gateway.sessions.CatchUp;
import dev.chat.gateway.sessions.ClientSession;
import dev.chat.gateway.sessions.ConnectAdmission;
import dev.chat.gateway.sessions.Repairs;
import dev.chat.gateway.sessions.SessionRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnBinaryMessage;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The clients' socket, {@code /ws} (docs/protocol.md). The handshake was authenticated by
 * {@link dev.chat.gateway.auth.HandshakeAuthentication}. On open the device's route is registered
 * and its pending messages are pushed, and the connect's place ({@link ConnectAdmission}) is given
 * back once that catch-up has ended; on close the route is removed unless the same device holds
 * another socket here.
 *
 * <p>Every callback runs on the connection's event loop ({@link NonBlocking}): none of them blocks
 * (Redis, message-service and the socket are all asynchronous), and a frame that went through a
 * worker thread would cost two thread hand-offs, which on a small machine cost more than the work.
 */
@WebSocket(path = "/ws")
public class ChatSocket {

    private static final Logger LOG = Logger.getLogger(ChatSocket.class);

    private final SessionRegistry sessions;
    private final RouteRegistry routes;
    private final CatchUp catchUp;
    private final Repairs repairs;
    private final FrameHandler handler;
    private final FrameParser parser;
    private final ConnectAdmission admission;
    private final int maxMessageBytes;

    public ChatSocket(SessionRegistry sessions, RouteRegistry routes, CatchUp catchUp, Repairs repairs, FrameHandler handler,
            ObjectMapper json, ConnectAdmission admission,
            @ConfigProperty(name = "quarkus.websockets-next.server.max-message-size") int maxMessageBytes) {
        this.sessions = sessions;
        this.routes = routes;
        this.catchUp = catchUp;
        this.repairs = repairs;
        this.handler = handler;
        this.parser = new FrameParser(json);
        this.admission = admission;
        this.maxMessageBytes = maxMessageBytes;
    }

    @OnOpen
    @NonBlocking
    public void onOpen(WebSocketConnection connection) {
        FrameGuard.install(connection, maxMessageBytes);
        AuthenticatedDevice device = connection.userData().get(AuthenticatedDevice.KEY);
        ConnectAdmission.Place place = connection.userData().get(ConnectAdmission.KEY);
        admission.opened(place);
        ClientSession session = sessions.open(connection, device);
        // A route that could not be registered is restored by the next renewal (RouteRenewal), which
        // also pushes what was kept as pending meanwhile: the socket goes on without it.
        routes.register(device.userId(), device.deviceId())
                .onFailure().invoke(failure -> LOG.warnf("Registering the route of %s/%s failed (the next renewal"
                        + " restores it): %s", device.userId(), device.deviceId(), failure.getMessage()))
                .onFailure().recoverWithNull()
                .subscribe().with(registered -> catchUp.start(session, () -> admission.release(place)));
    }

    @OnTextMessage
    @NonBlocking
    public void onText(WebSocketConnection connection, String text) {
        ClientSession session = sessions.get(connection);
        if (session == null) {
            return;
        }
        switch (session.admitFrame()) {
            case ACCEPT -> {
                try {
                    handler.handle(session, parser.parse(text));
                } catch (FrameParser.BadFrame bad) {
                    handler.refuse(session, new ServerFrames.Error(bad.code(), bad.getMessage(), bad.clientId()));
                }
            }
            case REFUSE -> handler.reply(session, new ServerFrames.Error(ErrorCode.RATE_LIMITED,
                    "more than the allowed frames per second; this frame was dropped", null));
            case CLOSE -> session.close(new CloseReason(1008, "frame rate limit exceeded repeatedly"));
        }
    }

    @OnBinaryMessage
    @NonBlocking
    public void onBinary(WebSocketConnection connection, Buffer data) {
        ClientSession session = sessions.get(connection);
        if (session != null) {
            handler.refuse(session, new ServerFrames.Error(ErrorCode.BAD_JSON, "frames are JSON text, not binary", null));
        }
    }

    @OnClose
    @NonBlocking
    public void onClose(WebSocketConnection connection) {
        admission.release(connection.userData().get(ConnectAdmission.KEY));
        ClientSession session = sessions.get(connection);
        if (session == null) {
            return;
        }
        boolean deviceStillHere = sessions.close(session);
        if (!deviceStillHere) {
            routes.unregister(session.userId(), session.deviceId())
                    .chain(() -> restoreIfReopened(session))
                    .subscribe().with(ok -> { }, failure -> LOG.warnf("Removing the route of %s failed: %s",
                            session.userId(), failure.getMessage()));
        }
    }

    /**
     * The device opened another socket here while its old route was being removed, so the removal
     * may have taken the new socket's route: put it back, and push what was stored as pending only
     * in between ({@link Repairs}).
     */
    private Uni<Void> restoreIfReopened(ClientSession closed) {
        List<ClientSession> reopened = sessions.sessionsOf(closed.userId()).stream()
                .filter(s -> s.deviceId().equals(closed.deviceId())).toList();
        if (reopened.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return routes.register(closed.userId(), closed.deviceId()).invoke(() -> reopened.forEach(repairs::repair));
    }
}
