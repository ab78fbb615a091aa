package dev.chat.stack.servers;

import java.util.EnumSet;
import java.util.Set;

/** The kinds of server the services depend on: S3 is an object store's API (S3Proxy here), for attachments. */
public enum Server {
    CASSANDRA, KAFKA, REDIS, S3;

    /** Parses {@code "cassandra,kafka"}; blank means all of them. */
    public static Set<Server> parseList(String names) {
        if (names == null || names.isBlank()) {
            return EnumSet.allOf(Server.class);
        }
        Set<Server> servers = EnumSet.noneOf(Server.class);
        for (String name : names.split(",")) {
            servers.add(valueOf(name.trim().toUpperCase()));
        }
        return servers;
    }
}
