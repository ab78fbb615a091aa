package dev.chat.load.client.xmpp;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses one RFC 7395 WebSocket message (exactly one complete XML element: {@code <open/>}, a
 * stanza, a stream feature, a stream-management element) with the JDK's StAX parser, namespace
 * aware, with DTDs and external entities refused. Each thread keeps its own factory (a factory is
 * not guaranteed to be thread-safe); the load tool parses on its few event-loop threads.
 */
public final class StanzaParser {

    private static final ThreadLocal<XMLInputFactory> FACTORY = ThreadLocal.withInitial(() -> {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    });

    private StanzaParser() {
    }

    /**
     * The one element in {@code xml}.
     *
     * @throws XMLStreamException when {@code xml} is not one well-formed element
     */
    public static XmlElement parse(String xml) throws XMLStreamException {
        XMLStreamReader reader = FACTORY.get().createXMLStreamReader(new StringReader(xml));
        try {
            Deque<Open> open = new ArrayDeque<>();
            XmlElement root = null;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (root != null) {
                            throw new XMLStreamException("more than one element in one WebSocket message");
                        }
                        open.push(new Open(reader));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!open.isEmpty()) {
                            open.peek().text.append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        XmlElement done = open.pop().build();
                        if (open.isEmpty()) {
                            root = done;
                        } else {
                            open.peek().children.add(done);
                        }
                    }
                    default -> {
                    }
                }
            }
            if (root == null) {
                throw new XMLStreamException("no element in the WebSocket message");
            }
            return root;
        } finally {
            reader.close();
        }
    }

    /** An element whose end tag has not been read yet. */
    private static final class Open {
        final String name;
        final String namespace;
        final Map<String, String> attributes;
        final List<XmlElement> children = new ArrayList<>(2);
        final StringBuilder text = new StringBuilder();

        Open(XMLStreamReader reader) {
            name = reader.getLocalName();
            String ns = reader.getNamespaceURI();
            namespace = ns == null ? "" : ns;
            int count = reader.getAttributeCount();
            attributes = new HashMap<>(Math.max(4, count * 2));
            for (int i = 0; i < count; i++) {
                attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            }
        }

        XmlElement build() {
            return new XmlElement(name, namespace, attributes, children, text.toString());
        }
    }
}
