package dev.chat.load.client;

import io.vertx.core.http.WebSocket;

/**
 * What every protocol's client keeps the same way: the user and the workload's number for it,
 * its listener, the current socket and the gateway it last connected to.
 */
public abstract class WebSocketClientBase implements ChatClient {

    protected final ChatUser user;
    protected final int index;
    protected final Listener listener;
    protected volatile WebSocket socket;
    protected volatile int gateway = -1;

    protected WebSocketClientBase(ChatUser user, int index, Listener listener) {
        this.user = user;
        this.index = index;
        this.listener = listener;
    }

    @Override
    public ChatUser user() {
        return user;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int gateway() {
        return gateway;
    }

    @Override
    public boolean isOpen() {
        WebSocket s = socket;
        return s != null && !s.isClosed();
    }
}
