package dev.chat.delivery.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.MessageStored;
import dev.chat.common.events.Topics;
import dev.chat.common.ids.ChatIds;
import dev.chat.common.presence.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MessageEventsConsumerTest {

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry registry;

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void eachConsumedMessageIsRoutedToTheRecipientsLiveDevicesAndStaleRoutesAreRemoved() throws Exception {
        UUID alice = UUID.randomUUID();
        UUID bob = UUID.randomUUID();
        UUID carol = UUID.randomUUID();
        String liveGateway = "gw-live-" + UUID.randomUUID();
        redis.value(String.class).set(RedisKeys.gateway(liveGateway), "127.0.0.1:1");
        redis.hash(String.class).hset(RedisKeys.routes(bob), Map.of("phone", liveGateway));
        redis.hash(String.class).hset(RedisKeys.routes(carol), Map.of("phone", "gw-dead-" + UUID.randomUUID()));
        double onlineBefore = count("online");
        double offlineBefore = count("offline");

        publish(event(alice, bob));
        publish(event(alice, carol));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertEquals(onlineBefore + 1, count("online"));
            assertEquals(offlineBefore + 1, count("offline"));
        });
        assertEquals(Map.of("phone", liveGateway), redis.hash(String.class).hgetall(RedisKeys.routes(bob)));
        assertEquals(Map.of(), redis.hash(String.class).hgetall(RedisKeys.routes(carol)), "stale route removed");
    }

    private double count(String state) {
        var counter = registry.find("delivery.recipients").tag("state", state).counter();
        return counter == null ? 0 : counter.count();
    }

    private static MessageStored event(UUID from, UUID to) {
        return new MessageStored(ChatIds.direct(from, to), UUID.randomUUID(),
                from, List.of(to), "c-" + UUID.randomUUID(), "hi", System.currentTimeMillis());
    }

    private void publish(MessageStored event) throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.MESSAGES, event.chatId().toString(), json.writeValueAsString(event))).get();
        }
    }
}
