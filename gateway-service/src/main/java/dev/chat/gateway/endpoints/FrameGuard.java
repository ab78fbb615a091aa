package dev.chat.gateway.endpoints;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.impl.WebSocketInternal;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.jboss.logging.Logger;

/**
 * Holds a socket's incoming frames to RFC 6455 and the documented message limit (docs/protocol.md),
 * in the socket's Netty pipeline, before Vert.x decodes a message:
 * <ul>
 * <li>a text message that is not valid UTF-8 closes the socket with 1007 (Netty's
 *     {@link Utf8FrameValidator}; Vert.x alone would deliver it with U+FFFD in place of the bad bytes);</li>
 * <li>a message over the limit closes it with 1009, whether it came as one frame (refused by the
 *     frame decoder, which Vert.x sizes to the same limit) or as fragments whose sum is over it
 *     ({@link MessageSize}).</li>
 * </ul>
 * Both sit after any compression extension's decoder, so they see what the client meant to send.
 *
 * <p>Limit: the guard is put in place when the socket opens; a frame that arrived in the same read
 * as the handshake is checked by Vert.x's own, looser rules only. Reaching the pipeline takes
 * reflection into Quarkus' WebSocket connection and Vert.x Web's socket wrapper (no public accessor
 * exists); should that fail in a later version, the socket works unguarded and a warning says so
 * once (FrameLimitsTest fails then).
 */
final class FrameGuard {

    private static final Logger LOG = Logger.getLogger(FrameGuard.class);
    private static final String VERTX_HANDLER = "handler";
    private static volatile boolean warned;

    private FrameGuard() {
    }

    /**
     * Puts the guard in {@code connection}'s pipeline; messages over {@code maxMessageBytes} close it
     * with 1009 (the frame decoder's limit, {@code quarkus.websockets-next.server.max-frame-size},
     * must not be larger).
     */
    static void install(WebSocketConnection connection, int maxMessageBytes) {
        try {
            ChannelPipeline pipeline = pipelineOf(connection);
            if (pipeline.get(VERTX_HANDLER) == null) {
                throw new IllegalStateException("no Vert.x handler in the socket's pipeline: " + pipeline.names());
            }
            pipeline.addBefore(VERTX_HANDLER, "chat-utf8", new Utf8FrameValidator(true));
            pipeline.addBefore(VERTX_HANDLER, "chat-message-size", new MessageSize(maxMessageBytes));
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (!warned) {
                warned = true;
                LOG.warnf("Sockets are not guarded against invalid UTF-8 and oversized fragmented messages: %s", e);
            }
        }
    }

    /** Per class, how to reach the socket inside: found once, so a connect pays no lookup. */
    private static final ClassValue<Method> WEB_SOCKET_ACCESSOR = new ClassValue<>() {
        @Override
        protected Method computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Method method : c.getDeclaredMethods()) {
                    if (method.getName().equals("webSocket") && method.getParameterCount() == 0) {
                        method.setAccessible(true);
                        return method;
                    }
                }
            }
            return null;
        }
    };
    private static final ClassValue<Field> WRAPPED_SOCKET = new ClassValue<>() {
        @Override
        protected Field computeValue(Class<?> type) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    if (WebSocketBase.class.isAssignableFrom(field.getType())) {
                        field.setAccessible(true);
                        return field;
                    }
                }
            }
            return null;
        }
    };

    private static ChannelPipeline pipelineOf(WebSocketConnection connection) throws ReflectiveOperationException {
        Method webSocket = WEB_SOCKET_ACCESSOR.get(connection.getClass());
        if (webSocket == null) {
            throw new NoSuchMethodException(connection.getClass().getName() + ".webSocket()");
        }
        return unwrap(webSocket.invoke(connection)).channelHandlerContext().pipeline();
    }

    /** Vert.x Web hands out a wrapper of the socket: the socket is the wrapper's one WebSocketBase field. */
    private static WebSocketInternal unwrap(Object webSocket) throws ReflectiveOperationException {
        Object current = webSocket;
        for (int depth = 0; depth < 3 && current != null; depth++) {
            if (current instanceof WebSocketInternal internal) {
                return internal;
            }
            Field wrapped = WRAPPED_SOCKET.get(current.getClass());
            current = wrapped == null ? null : wrapped.get(current);
        }
        throw new NoSuchFieldException("no Vert.x socket inside " + (webSocket == null ? "null" : webSocket.getClass().getName()));
    }

    /**
     * Closes with 1009 once one message's frames add up to more than the limit, and with the
     * decoder's status when it refuses a frame (one over the frame limit: 1009; a malformed one:
     * 1002). Vert.x's decoder does not answer a violation itself, and Vert.x then drops the
     * connection; the close frame is written from here, where the frame encoder lies on its way out.
     */
    static final class MessageSize extends ChannelInboundHandlerAdapter {

        private final int maxBytes;
        private long current;

        MessageSize(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public void channelRead(ChannelHandlerContext context, Object message) {
            if (message instanceof TextWebSocketFrame || message instanceof BinaryWebSocketFrame
                    || message instanceof ContinuationWebSocketFrame) {
                WebSocketFrame frame = (WebSocketFrame) message;
                ByteBuf content = frame.content();
                current = (message instanceof ContinuationWebSocketFrame ? current : 0) + content.readableBytes();
                if (current > maxBytes) {
                    frame.release();
                    context.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                            "message larger than " + maxBytes + " bytes")).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                if (frame.isFinalFragment()) {
                    current = 0;
                }
            }
            context.fireChannelRead(message);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
            if (cause instanceof CorruptedWebSocketFrameException refused) {
                context.writeAndFlush(new CloseWebSocketFrame(refused.closeStatus(), reason(refused)))
                        .addListener(ChannelFutureListener.CLOSE);
            } else {
                context.fireExceptionCaught(cause);
            }
        }

        private String reason(CorruptedWebSocketFrameException refused) {
            return refused.closeStatus().equals(WebSocketCloseStatus.MESSAGE_TOO_BIG)
                    ? "message larger than " + maxBytes + " bytes" : refused.closeStatus().reasonText();
        }
    }
}
