package dev.chat.stack.servers;

/**
 * The loopback ports of one stack. The defaults stay clear of the standard ports (9042, 9092,
 * 6379, 26379) so that servers a machine may already run there do not collide with the stack.
 * {@code redisSentinel} is used by a replicated stack only, whose Redis is watched by Sentinels;
 * {@code s3} is the object store's S3 API.
 */
public record ServerPorts(int cassandra, int cassandraStorage, int kafka, int kafkaController, int redis,
        int redisSentinel, int s3) {

    public static final ServerPorts DEFAULTS = new ServerPorts(19042, 17010, 19092, 19093, 16379, 16380, 19333);

    /** Seven different ports that were free a moment ago, for a stack of the tests' own. */
    public static ServerPorts free() {
        int[] p = Ports.distinctFree(7);
        return new ServerPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
    }
}
