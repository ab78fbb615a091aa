package dev.chat.support.startup;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Parses the host:port lists of the configuration keys the services use for their servers. */
public final class ServerAddresses {

    private ServerAddresses() {
    }

    /** A server address as configured, with the key it came from (named in error messages). */
    public record Address(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * {@code host:port,host:port} lists (Cassandra contact points, Kafka bootstrap servers) and
     * {@code redis://[user:password@]host:port[/db]} URLs, comma-separated.
     */
    public static List<Address> parse(String value, int defaultPort) {
        List<Address> addresses = new ArrayList<>();
        for (String part : value.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            if (item.contains("://")) {
                URI uri = URI.create(item);
                if (uri.getHost() == null) {
                    throw new IllegalArgumentException("'" + item + "' has no host");
                }
                addresses.add(new Address(uri.getHost(), uri.getPort() == -1 ? defaultPort : uri.getPort()));
                continue;
            }
            int colon = item.lastIndexOf(':');
            if (colon < 0) {
                addresses.add(new Address(item, defaultPort));
                continue;
            }
            String port = item.substring(colon + 1);
            try {
                addresses.add(new Address(item.substring(0, colon), Integer.parseInt(port)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + item + "' has no valid port", e);
            }
        }
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no address in '" + value + "'");
        }
        return addresses;
    }
}
