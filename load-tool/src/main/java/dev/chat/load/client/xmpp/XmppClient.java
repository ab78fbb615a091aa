package dev.chat.load.client.xmpp;

import dev.chat.load.client.ChatClient;
import dev.chat.load.client.ChatUser;
import dev.chat.load.client.Gateways;
import dev.chat.load.client.ReceivedMessage;
import dev.chat.load.client.Recipient;
import dev.chat.load.client.WebSocketClientBase;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamException;

/**
 * One user's XMPP connection over WebSocket (RFC 7395): the user's id is the JID's local part,
 * its token the password. {@link #connect} opens the stream, authenticates with SASL PLAIN, binds
 * the resource (and starts a session if the server requires one), enables XEP-0198 stream
 * management when offered, and sends initial presence; the connection is then ready.
 *
 * <p>Acks: after each message the client sends {@code <r/>}; the server's {@code <a h='N'/>}
 * says it has handled the first N stanzas of the stream, and every message among them is
 * reported with {@link Listener#onAck}. That means received by the server, not stored for
 * delivery as the chat protocol's ack means; where the server offers no stream management there
 * are no acks ({@link #acknowledgesSends} false). The server's {@code <r/>} is answered at once
 * with the count of stanzas received, which is this protocol's only acknowledgement of received
 * messages: XMPP has no per-message delivered receipt the server needs (XEP-0184 receipts go to
 * the sender, not the server), so {@link #acknowledge} does nothing.
 *
 * <p>Threads: everything the stream does, every write included, runs on the connection's event
 * loop, so the stanza counts match the order on the wire; {@link #send} from another thread hands
 * its write to the event loop, which keeps one thread's sends in order.
 */
public final class XmppClient extends WebSocketClientBase {

    private static final String RESOURCE = "load";
    private static final String BIND_ID = "bind";
    private static final String SESSION_ID = "session";
    private static final String ROOM_CONFIG_ID = "room-config";

    /** Where the stream's negotiation is; every step but READY waits for one answer of the server. */
    private enum Step {
        OPENING, AUTHENTICATING, RESTARTING, BINDING, STARTING_SESSION, ENABLING_ACKS, READY
    }

    private final String domain;
    private final String mucService;
    private volatile Context context;
    private volatile boolean ready;
    private volatile boolean acksEnabled;

    // Owned by the event loop of the current connection.
    private Step step;
    private Promise<Integer> readyPromise;
    private StreamAcks streamAcks;
    private boolean sessionRequired;
    private boolean acksOffered;
    /** Rooms being entered (room JID → the join's promise), and new rooms whose configuration is awaited. */
    private final Map<String, Promise<Void>> joining = new HashMap<>();
    private final Map<String, Promise<Void>> configuring = new HashMap<>();

    /**
     * @param domain     the XMPP domain users live in (user id @ domain)
     * @param mucService the multi-user chat service's domain (group id @ service)
     */
    public XmppClient(ChatUser user, int index, Listener listener, String domain, String mucService) {
        super(user, index, listener);
        this.domain = domain;
        this.mucService = mucService;
    }

    @Override
    public boolean isSynced() {
        return ready;
    }

    /** The user's bare JID. */
    public String jid() {
        return user.userId() + "@" + domain;
    }

    /** Connects to {@code gatewayIndex}; completes with 0 once ready (XMPP does not announce waiting messages). */
    @Override
    public Future<Integer> connect(Gateways gateways, int gatewayIndex) {
        Promise<Integer> promise = Promise.promise();
        gateway = gatewayIndex;
        ready = false;
        acksEnabled = false;
        gateways.open(gatewayIndex, "xmpp").onFailure(promise::tryFail).onSuccess(ws -> {
            Context current = Vertx.currentContext();
            context = current != null ? current : gateways.vertx().getOrCreateContext();
            socket = ws;
            step = Step.OPENING;
            readyPromise = promise;
            streamAcks = null;
            sessionRequired = false;
            acksOffered = false;
            ws.textMessageHandler(this::received);
            ws.closeHandler(ignored -> {
                Short code = ws.closeStatusCode();
                promise.tryFail("closed before ready (" + code + ")");
                listener.onClosed(this, code == null ? 1006 : code);
            });
            ws.exceptionHandler(promise::tryFail);
            ws.writeTextMessage(Stanzas.open(domain));
        });
        return promise.future();
    }

    private void received(String text) {
        XmlElement element;
        try {
            element = StanzaParser.parse(text);
        } catch (XMLStreamException e) {
            fail("unparsable element from the server: " + e.getMessage());
            return;
        }
        String ns = element.namespace();
        switch (element.name()) {
            case "message" -> {
                countReceived();
                message(element);
            }
            case "presence" -> {
                countReceived();
                presence(element);
            }
            case "iq" -> {
                countReceived();
                iq(element);
            }
            case "r" -> {
                if (ns.equals(Stanzas.SM) && streamAcks != null) {
                    write(Stanzas.ack(streamAcks.receivedCount()));
                }
            }
            case "a" -> {
                String h = element.attribute("h");
                if (ns.equals(Stanzas.SM) && streamAcks != null && h != null) {
                    for (String clientId : streamAcks.handled(Long.parseLong(h))) {
                        listener.onAck(this, clientId);
                    }
                }
            }
            case "features" -> features(element);
            case "success" -> {
                if (ns.equals(Stanzas.SASL) && step == Step.AUTHENTICATING) {
                    step = Step.RESTARTING;
                    write(Stanzas.open(domain));
                }
            }
            case "failure" -> {
                if (ns.equals(Stanzas.SASL)) {
                    fail("authentication of " + jid() + " failed: " + firstChildName(element));
                }
            }
            case "enabled" -> {
                if (ns.equals(Stanzas.SM) && step == Step.ENABLING_ACKS) {
                    streamAcks = new StreamAcks();
                    acksEnabled = true;
                    becomeReady();
                }
            }
            case "failed" -> {
                if (ns.equals(Stanzas.SM) && step == Step.ENABLING_ACKS) {
                    becomeReady();
                }
            }
            case "error" -> {
                if (ns.equals(Stanzas.STREAMS)) {
                    String condition = Stanzas.errorCondition(element);
                    listener.onError(this, "", "stream:" + condition);
                    fail("stream error: " + condition);
                }
            }
            case "close" -> {
                WebSocket s = socket;
                if (s != null && !s.isClosed()) {
                    s.close();
                }
            }
            default -> {
                // <open/> and anything the tool does not use.
            }
        }
    }

    private void features(XmlElement features) {
        if (step == Step.OPENING) {
            XmlElement mechanisms = features.child("mechanisms", Stanzas.SASL);
            boolean plain = mechanisms != null && mechanisms.children().stream().anyMatch(m -> m.text().equals("PLAIN"));
            if (!plain) {
                fail("the server offers no SASL PLAIN");
                return;
            }
            step = Step.AUTHENTICATING;
            write(Stanzas.authPlain(user.userId().toString(), user.token()));
        } else if (step == Step.RESTARTING) {
            XmlElement session = features.child("session", Stanzas.SESSION);
            sessionRequired = session != null && session.child("optional", Stanzas.SESSION) == null;
            acksOffered = features.child("sm", Stanzas.SM) != null;
            step = Step.BINDING;
            write(Stanzas.bind(BIND_ID, RESOURCE));
        }
    }

    private void iq(XmlElement iq) {
        String type = iq.attribute("type");
        String id = iq.attribute("id");
        if ("get".equals(type) || "set".equals(type)) {
            boolean ping = iq.child("ping", Stanzas.PING) != null;
            writeStanza(ping ? Stanzas.iqResult(id, iq.attribute("from")) : Stanzas.iqUnsupported(id, iq.attribute("from")));
            return;
        }
        if (step == Step.BINDING && BIND_ID.equals(id)) {
            if (!"result".equals(type)) {
                fail("binding a resource failed: " + Stanzas.errorCondition(iq.child("error", Stanzas.CLIENT)));
            } else if (sessionRequired) {
                step = Step.STARTING_SESSION;
                write(Stanzas.session(SESSION_ID));
            } else {
                afterSession();
            }
        } else if (step == Step.STARTING_SESSION && SESSION_ID.equals(id)) {
            if ("result".equals(type)) {
                afterSession();
            } else {
                fail("starting the session failed: " + Stanzas.errorCondition(iq.child("error", Stanzas.CLIENT)));
            }
        } else if (id != null && id.startsWith(ROOM_CONFIG_ID)) {
            String room = id.substring(ROOM_CONFIG_ID.length() + 1);
            Promise<Void> join = configuring.remove(room);
            if (join != null) {
                if ("result".equals(type)) {
                    join.tryComplete();
                } else {
                    join.tryFail("configuring room " + room + " failed: " + Stanzas.errorCondition(iq.child("error", Stanzas.CLIENT)));
                }
            }
        }
    }

    private void afterSession() {
        if (acksOffered) {
            step = Step.ENABLING_ACKS;
            write(Stanzas.ENABLE_ACKS);
        } else {
            becomeReady();
        }
    }

    /** Sends initial presence (so that messages to the bare JID reach this resource) and reports ready. */
    private void becomeReady() {
        step = Step.READY;
        writeStanza(Stanzas.INITIAL_PRESENCE);
        ready = true;
        readyPromise.tryComplete(0);
        listener.onReady(this);
    }

    private void message(XmlElement message) {
        String id = message.attribute("id");
        if ("error".equals(message.attribute("type"))) {
            listener.onError(this, id == null ? "" : id, Stanzas.errorCondition(message.child("error", Stanzas.CLIENT)));
            return;
        }
        XmlElement body = message.child("body", Stanzas.CLIENT);
        if (body != null) {
            String from = message.attribute("from");
            from = from == null ? "" : from;
            listener.onMessage(this, new ReceivedMessage(body.text(), Stanzas.bare(from), from, id == null ? "" : id));
        }
    }

    /**
     * Presence from a room this client is joining: its own presence in the room (status 110) means
     * it is in; the room's creator (status 201) must first accept the default configuration.
     */
    private void presence(XmlElement presence) {
        String from = presence.attribute("from");
        if (from == null || joining.isEmpty()) {
            return;
        }
        String room = Stanzas.bare(from);
        Promise<Void> join = joining.get(room);
        if (join == null) {
            return;
        }
        if ("error".equals(presence.attribute("type"))) {
            joining.remove(room);
            join.tryFail("joining room " + room + " failed: " + Stanzas.errorCondition(presence.child("error", Stanzas.CLIENT)));
            return;
        }
        XmlElement x = presence.child("x", Stanzas.MUC_USER);
        if (x == null || !hasStatus(x, "110")) {
            return;
        }
        if (hasStatus(x, "201")) {
            // A new room stays locked until its owner configures it; the answer completes the join.
            joining.remove(room);
            configuring.put(room, join);
            writeStanza(Stanzas.instantRoom(ROOM_CONFIG_ID + ":" + room, room));
        } else {
            joining.remove(room);
            join.tryComplete();
        }
    }

    private static boolean hasStatus(XmlElement mucUser, String code) {
        for (XmlElement child : mucUser.children()) {
            if (child.is("status", Stanzas.MUC_USER) && code.equals(child.attribute("code"))) {
                return true;
            }
        }
        return false;
    }

    /** Enters group {@code groupId}'s room (creating and unlocking it if this client is first); completes once in. */
    public Future<Void> joinRoom(String groupId) {
        Promise<Void> joined = Promise.promise();
        String room = groupId + "@" + mucService;
        Context c = context;
        if (c == null || !isOpen()) {
            return Future.failedFuture("not connected");
        }
        c.runOnContext(v -> {
            joining.put(room, joined);
            writeStanza(Stanzas.joinRoom(room + "/" + user.userId()));
        });
        return joined.future();
    }

    @Override
    public void send(String clientId, Recipient to, String body) {
        WebSocket s = socket;
        Context c = context;
        if (s == null || s.isClosed() || c == null) {
            return;
        }
        String stanza = to.kind() == Recipient.Kind.GROUP
                ? Stanzas.message(to.id() + "@" + mucService, "groupchat", clientId, body)
                : Stanzas.message(to.id() + "@" + domain, "chat", clientId, body);
        c.runOnContext(v -> {
            if (s.isClosed()) {
                return;
            }
            s.writeTextMessage(stanza);
            if (streamAcks != null) {
                streamAcks.sentMessage(clientId);
                s.writeTextMessage(Stanzas.ACK_REQUEST);
            }
        });
    }

    @Override
    public boolean acknowledgesSends() {
        return acksEnabled;
    }

    /** Nothing to do: received stanzas are acknowledged by answering the server's {@code <r/>}. */
    @Override
    public void acknowledge(ReceivedMessage message) {
    }

    @Override
    public void flushAcknowledgements() {
    }

    /** Closes the stream ({@code <close/>}), then the socket. */
    @Override
    public Future<Void> close() {
        WebSocket s = socket;
        Context c = context;
        if (s == null || s.isClosed() || c == null) {
            return Future.succeededFuture();
        }
        Promise<Void> closed = Promise.promise();
        c.runOnContext(v -> {
            if (!s.isClosed()) {
                s.writeTextMessage(Stanzas.CLOSE);
            }
            s.close().onComplete(closed);
        });
        return closed.future();
    }

    /** Writes a stanza (message, presence, iq), which the server's {@code h} counts. Event loop only. */
    private void writeStanza(String stanza) {
        if (streamAcks != null) {
            streamAcks.sentOther();
        }
        write(stanza);
    }

    /** Writes an element that is not a stanza (stream, SASL and stream-management elements). Event loop only. */
    private void write(String element) {
        WebSocket s = socket;
        if (s != null && !s.isClosed()) {
            s.writeTextMessage(element);
        }
    }

    private void countReceived() {
        if (streamAcks != null) {
            streamAcks.received();
        }
    }

    private void fail(String why) {
        readyPromise.tryFail(why);
        WebSocket s = socket;
        if (s != null && !s.isClosed()) {
            s.close();
        }
    }

    private static String firstChildName(XmlElement element) {
        return element.children().isEmpty() ? "unknown" : element.children().get(0).name();
    }
}
