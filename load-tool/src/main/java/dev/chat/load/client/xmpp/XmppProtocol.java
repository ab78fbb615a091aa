package dev.chat.load.client.xmpp;

import dev.chat.load.client.ChatClient;
import dev.chat.load.client.ChatUser;
import dev.chat.load.client.Protocol;
import io.vertx.core.Future;
import java.util.List;
import java.util.UUID;

/**
 * XMPP over WebSocket (RFC 7395), to measure a peer server (ejabberd: load-tool/bench/peer-ejabberd)
 * with the same workloads as the chat backend. Users are registered through the server's HTTP API;
 * there are no minted users. A group is a multi-user chat room on {@code conference.<domain>},
 * created by its first member when it enters.
 */
public final class XmppProtocol implements Protocol {

    private final String domain;
    private final String mucService;
    private final String apiUrl;

    /**
     * @param domain     the users' XMPP domain
     * @param mucService the multi-user chat service for groups
     * @param apiUrl     the server's HTTP API, where accounts are registered
     */
    public XmppProtocol(String domain, String mucService, String apiUrl) {
        this.domain = domain;
        this.mucService = mucService;
        this.apiUrl = apiUrl;
    }

    @Override
    public String name() {
        return "xmpp";
    }

    @Override
    public String accountsLocation() {
        return apiUrl;
    }

    @Override
    public List<ChatUser> register(int count) {
        return XmppAccounts.register(apiUrl, domain, count);
    }

    @Override
    public boolean mintsListenOnlyUsers() {
        return false;
    }

    @Override
    public ChatClient newClient(ChatUser user, int index, ChatClient.Listener listener) {
        return new XmppClient(user, index, listener, domain, mucService);
    }

    /** A fresh room name; the room comes about when the first member enters it. */
    @Override
    public String createGroup(List<ChatUser> members) {
        return "load-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Override
    public Future<Void> joinGroup(ChatClient member, String groupId) {
        return ((XmppClient) member).joinRoom(groupId);
    }
}
