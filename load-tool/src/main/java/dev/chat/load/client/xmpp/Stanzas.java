package dev.chat.load.client.xmpp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The XMPP elements the load tool writes, one per WebSocket message (RFC 7395), and the
 * namespaces it reads. Every value that comes from outside (addresses, ids, bodies, passwords) is
 * escaped, so each element is well-formed whatever it carries.
 */
public final class Stanzas {

    public static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    public static final String CLIENT = "jabber:client";
    /** XEP-0198 stream management, version 3. */
    public static final String SM = "urn:xmpp:sm:3";
    public static final String MUC = "http://jabber.org/protocol/muc";
    public static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    public static final String MUC_OWNER = "http://jabber.org/protocol/muc#owner";
    public static final String PING = "urn:xmpp:ping";

    /** Asks the server how many stanzas it has handled (XEP-0198 {@code <r/>}). */
    public static final String ACK_REQUEST = "<r xmlns=\"" + SM + "\"/>";
    public static final String ENABLE_ACKS = "<enable xmlns=\"" + SM + "\"/>";
    public static final String INITIAL_PRESENCE = "<presence/>";
    public static final String CLOSE = "<close xmlns=\"" + FRAMING + "\"/>";

    private Stanzas() {
    }

    /** Opens (or, after authentication, restarts) the stream to {@code domain}. */
    public static String open(String domain) {
        return "<open xmlns=\"" + FRAMING + "\" to=\"" + escape(domain) + "\" version=\"1.0\"/>";
    }

    /** SASL PLAIN (RFC 4616): no authorization identity, then the user's local part and password. */
    public static String authPlain(String localpart, String password) {
        byte[] credentials = ("\0" + localpart + "\0" + password).getBytes(StandardCharsets.UTF_8);
        return "<auth xmlns=\"" + SASL + "\" mechanism=\"PLAIN\">" + Base64.getEncoder().encodeToString(credentials) + "</auth>";
    }

    public static String bind(String iqId, String resource) {
        return "<iq type=\"set\" id=\"" + escape(iqId) + "\"><bind xmlns=\"" + BIND + "\"><resource>" + escape(resource)
                + "</resource></bind></iq>";
    }

    public static String session(String iqId) {
        return "<iq type=\"set\" id=\"" + escape(iqId) + "\"><session xmlns=\"" + SESSION + "\"/></iq>";
    }

    /** A message; {@code type} is {@code chat} to a user, {@code groupchat} to a room. */
    public static String message(String to, String type, String id, String body) {
        return "<message to=\"" + escape(to) + "\" type=\"" + type + "\" id=\"" + escape(id) + "\"><body>" + escape(body)
                + "</body></message>";
    }

    /** Answers the server's XEP-0198 {@code <r/>} with the count of stanzas received. */
    public static String ack(long handled) {
        return "<a xmlns=\"" + SM + "\" h=\"" + handled + "\"/>";
    }

    /** An empty result to an iq (a ping's answer). */
    public static String iqResult(String id, String to) {
        return "<iq type=\"result\" id=\"" + escape(id) + "\"" + (to == null ? "" : " to=\"" + escape(to) + "\"") + "/>";
    }

    /** Refuses an iq the tool does not handle, as RFC 6120 asks of a client. */
    public static String iqUnsupported(String id, String to) {
        return "<iq type=\"error\" id=\"" + escape(id) + "\"" + (to == null ? "" : " to=\"" + escape(to) + "\"")
                + "><error type=\"cancel\"><service-unavailable xmlns=\"" + STANZA_ERRORS + "\"/></error></iq>";
    }

    /** Enters a multi-user chat room as {@code occupantJid} (room@service/nick), asking for no history. */
    public static String joinRoom(String occupantJid) {
        return "<presence to=\"" + escape(occupantJid) + "\"><x xmlns=\"" + MUC + "\"><history maxstanzas=\"0\"/></x></presence>";
    }

    /** Accepts a new room's default configuration (XEP-0045 "instant room"), unlocking it for others. */
    public static String instantRoom(String iqId, String roomJid) {
        return "<iq type=\"set\" id=\"" + escape(iqId) + "\" to=\"" + escape(roomJid) + "\"><query xmlns=\"" + MUC_OWNER
                + "\"><x xmlns=\"jabber:x:data\" type=\"submit\"/></query></iq>";
    }

    /** The defined condition of a stanza or stream error element ({@code service-unavailable}, …), or "unknown". */
    public static String errorCondition(XmlElement error) {
        if (error != null) {
            for (XmlElement condition : error.children()) {
                boolean defined = condition.namespace().equals(STANZA_ERRORS) || condition.namespace().equals(STREAM_ERRORS);
                if (defined && !condition.name().equals("text")) {
                    return condition.name();
                }
            }
        }
        return "unknown";
    }

    /** The bare JID (local@domain) of a full one. */
    public static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }

    /** Escapes the five XML special characters, for attribute values and text alike. */
    static String escape(String value) {
        int i = 0;
        while (i < value.length() && "&<>\"'".indexOf(value.charAt(i)) < 0) {
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16).append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
