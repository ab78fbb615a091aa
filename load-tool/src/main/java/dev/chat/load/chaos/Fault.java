package dev.chat.load.chaos;

/**
 * The faults a chaos run injects, each once per run in a seeded order, with a seeded target.
 * {@link #hold} is how long the fault lasts before it is undone (the process restarted, resumed,
 * or the network healed).
 */
enum Fault {
    GATEWAY_KILLED("kill -9 of a gateway instance, restarted after the hold", 5, 20),
    MESSAGE_SERVICE_KILLED("kill -9 of a message-service instance, restarted after the hold", 5, 20),
    DELIVERY_SERVICE_KILLED("kill -9 of a delivery-service instance, restarted after the hold", 5, 20),
    KAFKA_NODE_KILLED("kill -9 of a Kafka node, restarted after the hold", 15, 10),
    CASSANDRA_NODE_KILLED("kill -9 of a Cassandra node, restarted after the hold", 15, 45),
    REDIS_PRIMARY_KILLED("kill -9 of the Redis primary (the Sentinels promote the replica), restarted after the hold", 10, 0),
    REDIS_RESTARTED_EMPTY("the Redis primary killed and restarted at once, before a failover, without its data (the replica follows it empty)", 0, 0),
    PROCESS_FROZEN("SIGSTOP of a gateway, message-service or delivery-service instance for longer than its session timeouts, then SIGCONT", 15, 0),
    NODE_PARTITIONED("every packet to and from node 3's address (Cassandra, Kafka and Sentinel 3) dropped, then the network healed", 15, 0);

    final String description;
    final int holdSeconds;
    /** About how long undoing it takes here (a restart), for planning the traffic's rate. */
    final int restartSeconds;

    Fault(String description, int holdSeconds, int restartSeconds) {
        this.description = description;
        this.holdSeconds = holdSeconds;
        this.restartSeconds = restartSeconds;
    }

    String label() {
        return name().toLowerCase().replace('_', '-');
    }
}
