package dev.chat.load.client.xmpp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One parsed XML element with its attributes (by local name; XMPP needs no prefixed attribute but
 * {@code xml:lang}, kept as {@code lang}), its child elements and its text, namespace-resolved.
 * Small and immutable once parsed: a stanza holds a handful of elements.
 */
public final class XmlElement {

    private final String name;
    private final String namespace;
    private final Map<String, String> attributes;
    private final List<XmlElement> children;
    private final String text;

    XmlElement(String name, String namespace, Map<String, String> attributes, List<XmlElement> children, String text) {
        this.name = name;
        this.namespace = namespace;
        this.attributes = attributes;
        this.children = Collections.unmodifiableList(new ArrayList<>(children));
        this.text = text;
    }

    /** The local name, without prefix. */
    public String name() {
        return name;
    }

    /** The namespace URI; empty when none applies. */
    public String namespace() {
        return namespace;
    }

    public boolean is(String name, String namespace) {
        return this.name.equals(name) && this.namespace.equals(namespace);
    }

    /** The attribute's value, or null. */
    public String attribute(String name) {
        return attributes.get(name);
    }

    public List<XmlElement> children() {
        return children;
    }

    /** The first child with this name and namespace, or null. */
    public XmlElement child(String name, String namespace) {
        for (XmlElement child : children) {
            if (child.is(name, namespace)) {
                return child;
            }
        }
        return null;
    }

    /** The element's own text (character data directly inside it), empty when none. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "<" + name + " xmlns='" + namespace + "' " + attributes + " children=" + children.size() + ">";
    }
}
