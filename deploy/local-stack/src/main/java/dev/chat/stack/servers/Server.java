package dev.chat.stack.servers;

import java.util.EnumSet;
import java.util.Set;

/** The three kinds of server the services depend on. */
public enum Server {
    CASSANDRA, KAFKA, REDIS;

    /** Parses {@code "cassandra,kafka"}; blank means all three. */
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
