package dev.chat.load.client.xmpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.xml.stream.XMLStreamException;
import org.junit.jupiter.api.Test;

/** The XMPP elements the tool writes parse back to what was meant, and the server's elements (as ejabberd 23.01 sends them) read right. */
class StanzasTest {

    @Test
    void aMessageCarriesItsAddressIdAndNumberedBody() throws Exception {
        String body = "L|2|17|4|123456789|xxxx";
        XmlElement message = StanzaParser.parse(Stanzas.message("u1@localhost", "chat", "ab12cd.2.17.4.123456789", body));

        assertTrue(message.is("message", ""), "written without a namespace: the stream's default (jabber:client) applies");
        assertEquals("u1@localhost", message.attribute("to"));
        assertEquals("chat", message.attribute("type"));
        assertEquals("ab12cd.2.17.4.123456789", message.attribute("id"));
        assertEquals(body, message.child("body", "").text());
    }

    @Test
    void specialCharactersAreEscapedAndComeBackUnchanged() throws Exception {
        String body = "a < b && c > \"d\" 'e'";
        XmlElement message = StanzaParser.parse(Stanzas.message("x\"y@localhost", "chat", "<id>", body));

        assertEquals(body, message.child("body", "").text());
        assertEquals("x\"y@localhost", message.attribute("to"));
        assertEquals("<id>", message.attribute("id"));
    }

    @Test
    void authPlainSendsTheLocalPartAndPasswordWithoutAuthorizationIdentity() throws Exception {
        XmlElement auth = StanzaParser.parse(Stanzas.authPlain("alice", "pässword"));

        assertTrue(auth.is("auth", Stanzas.SASL));
        assertEquals("PLAIN", auth.attribute("mechanism"));
        assertEquals("\0alice\0pässword", new String(Base64.getDecoder().decode(auth.text()), StandardCharsets.UTF_8));
    }

    @Test
    void aReceivedMessageIsReadWithItsNamespacesAndAttributes() throws Exception {
        XmlElement message = StanzaParser.parse("<message xmlns='jabber:client' xml:lang='en' to='bob@localhost' "
                + "from='alice@localhost/load' type='chat' id='x.0.0.0.1'><body>L|0|0|0|1|xx</body>"
                + "<stanza-id xmlns='urn:xmpp:sid:0' by='bob@localhost' id='1732912345'/></message>");

        assertTrue(message.is("message", Stanzas.CLIENT));
        assertEquals("alice@localhost/load", message.attribute("from"));
        assertEquals("en", message.attribute("lang"));
        assertEquals("L|0|0|0|1|xx", message.child("body", Stanzas.CLIENT).text());
        assertNotNull(message.child("stanza-id", "urn:xmpp:sid:0"));
        assertNull(message.child("body", ""), "children are matched by namespace too");
        assertEquals("alice@localhost", Stanzas.bare(message.attribute("from")));
    }

    @Test
    void aBouncedMessageNamesItsErrorCondition() throws Exception {
        XmlElement bounce = StanzaParser.parse("<message xmlns='jabber:client' to='alice@localhost/load' from='nobody@localhost' "
                + "type='error' id='x.0.0.1.2'><error type='cancel'><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>gone</text>"
                + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error><body>L|0|0|1|2|xx</body></message>");

        assertEquals("error", bounce.attribute("type"));
        assertEquals("service-unavailable", Stanzas.errorCondition(bounce.child("error", Stanzas.CLIENT)));
        assertEquals("unknown", Stanzas.errorCondition(null));
    }

    @Test
    void streamFeaturesWithAPrefixAreFoundByNamespace() throws Exception {
        XmlElement features = StanzaParser.parse("<stream:features xmlns:stream='http://etherx.jabber.org/streams'>"
                + "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/><session xmlns='urn:ietf:params:xml:ns:xmpp-session'><optional/>"
                + "</session><sm xmlns='urn:xmpp:sm:2'/><sm xmlns='urn:xmpp:sm:3'/></stream:features>");

        assertTrue(features.is("features", Stanzas.STREAMS));
        assertNotNull(features.child("bind", Stanzas.BIND));
        assertNotNull(features.child("session", Stanzas.SESSION).child("optional", Stanzas.SESSION));
        assertNotNull(features.child("sm", Stanzas.SM));
    }

    @Test
    void anAckAnswerCarriesTheHandledCount() throws Exception {
        XmlElement a = StanzaParser.parse("<a h='3' xmlns='urn:xmpp:sm:3'/>");

        assertTrue(a.is("a", Stanzas.SM));
        assertEquals("3", a.attribute("h"));
        assertEquals("7", StanzaParser.parse(Stanzas.ack(7)).attribute("h"));
    }

    @Test
    void aMessageThatIsNotOneWellFormedElementIsRefused() {
        assertThrows(XMLStreamException.class, () -> StanzaParser.parse("<message><body>open"));
        assertThrows(XMLStreamException.class, () -> StanzaParser.parse("<r xmlns='urn:xmpp:sm:3'/><r xmlns='urn:xmpp:sm:3'/>"));
        assertThrows(XMLStreamException.class, () -> StanzaParser.parse(
                "<!DOCTYPE m [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><message><body>&e;</body></message>"));
    }
}
