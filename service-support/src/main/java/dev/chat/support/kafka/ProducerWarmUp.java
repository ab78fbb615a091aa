package dev.chat.support.kafka;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.jboss.logging.Logger;

/**
 * Fetches the partitions of the topics a producer writes to before its first send, at start-up:
 * with a short {@code max.block.ms}, a send on an event loop then only appends to the producer's
 * buffer instead of waiting for metadata, or failing for the lack of it.
 */
public final class ProducerWarmUp {

    private static final Logger LOG = Logger.getLogger(ProducerWarmUp.class);

    private ProducerWarmUp() {
    }

    /**
     * Asks for each topic's partitions until Kafka answers or {@code timeout} has passed; then
     * logs the topics still unknown and returns, leaving sends to fail until Kafka answers (a
     * start is not held up by a broker that is down, readiness reports it).
     */
    public static void fetchPartitions(Producer<?, ?> producer, List<String> topics, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (String topic : topics) {
            while (true) {
                try {
                    producer.partitionsFor(topic);
                    break;
                } catch (RuntimeException e) {
                    if (System.nanoTime() > deadline) {
                        LOG.warnf("The partitions of %s are not known yet (%s): sends fail until Kafka answers", topic,
                                e.getMessage());
                        return;
                    }
                }
            }
        }
    }
}
