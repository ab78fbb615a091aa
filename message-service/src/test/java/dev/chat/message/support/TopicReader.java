package dev.chat.message.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a topic from the beginning until records match, as a test's own consumer. */
public final class TopicReader {

    private TopicReader() {
    }

    public static ConsumerRecord<String, String> first(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> matching) {
        return matching(bootstrapServers, topic, matching, 1).get(0);
    }

    /** The first {@code count} matching records, in the topic's order (one partition's order for one key). */
    public static List<ConsumerRecord<String, String>> matching(String bootstrapServers, String topic,
            Predicate<ConsumerRecord<String, String>> matching, int count) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (matching.test(record)) {
                        found.add(record);
                        if (found.size() == count) {
                            return found;
                        }
                    }
                }
            }
        }
        throw new AssertionError(found.size() + " of " + count + " matching records on " + topic + " within 30 s");
    }
}
