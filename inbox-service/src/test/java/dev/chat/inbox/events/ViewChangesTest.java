package dev.chat.inbox.events;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.events.Topics;
import dev.chat.common.events.ViewChanged;
import dev.chat.common.ids.ChatIds;
import dev.chat.inbox.ChatRows;
import dev.chat.stack.testing.InjectTestServers;
import dev.chat.stack.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** What inbox-service tells a user's other devices (chat.views on the test cluster's real Kafka). */
@QuarkusTest
class ViewChangesTest {

    @Inject
    QuarkusCqlSession cassandra;

    @Inject
    ObjectMapper json;

    @InjectTestServers
    TestServers servers;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void everyStoredChangeOfOnesOwnViewIsAnnouncedInOrderWithTheDeviceThatMadeItAndNoRefusedOne() {
        ChatRows rows = new ChatRows(cassandra);
        UUID me = UUID.randomUUID();
        UUID peer = UUID.randomUUID();
        UUID chat = ChatIds.direct(me, peer);
        UUID otherChat = ChatIds.direct(me, UUID.randomUUID());
        rows.member(me, chat);
        rows.member(peer, chat);
        rows.member(me, otherChat);
        UUID message = rows.message(chat, peer, Instant.now().minusSeconds(60), "hello");
        String star = "/v1/chats/" + chat + "/messages/" + message + "/star";

        fromLaptop(me).contentType(ContentType.JSON).body(Map.of("archived", true)).patch("/v1/inbox/" + chat)
                .then().statusCode(200);
        fromLaptop(me).put(star).then().statusCode(204);
        fromLaptop(me).delete(star).then().statusCode(204);
        fromLaptop(me).delete("/v1/chats/" + chat + "/messages/" + message).then().statusCode(204);
        fromLaptop(me).delete("/v1/chats/" + chat + "/messages").then().statusCode(204);
        fromLaptop(me).delete("/v1/inbox/" + chat).then().statusCode(204);
        // Refused, so nothing changed and nothing is announced; then one more change to show it.
        fromLaptop(me).put(star).then().statusCode(404);
        fromLaptop(me).contentType(ContentType.JSON).body(Map.of("pinned", true)).patch("/v1/inbox/" + UUID.randomUUID())
                .then().statusCode(404);
        fromLaptop(me).contentType(ContentType.JSON).body(Map.of("mute", "8h")).patch("/v1/inbox/" + otherChat)
                .then().statusCode(200);
        // Someone else's change is theirs alone.
        given().auth().oauth2(servers.tokens().mint(peer, "phone", Duration.ofHours(1))).delete("/v1/chats/" + chat + "/messages")
                .then().statusCode(204);

        List<ViewChanged> expected = List.of(
                new ViewChanged(me, "laptop", ViewChanged.CHAT, chat, null),
                new ViewChanged(me, "laptop", ViewChanged.STARRED, chat, message),
                new ViewChanged(me, "laptop", ViewChanged.STARRED, chat, message),
                new ViewChanged(me, "laptop", ViewChanged.HISTORY, chat, message),
                new ViewChanged(me, "laptop", ViewChanged.HISTORY, chat, null),
                new ViewChanged(me, "laptop", ViewChanged.CHAT, chat, null),
                new ViewChanged(me, "laptop", ViewChanged.CHAT, otherChat, null));
        assertEquals(expected, announcedTo(me, expected.size()));
        assertEquals(List.of(new ViewChanged(peer, "phone", ViewChanged.HISTORY, chat, null)), announcedTo(peer, 1));
    }

    private RequestSpecification fromLaptop(UUID user) {
        return given().auth().oauth2(servers.tokens().mint(user, "laptop", Duration.ofHours(1)));
    }

    /** The topic's events for {@code user}, read from the start until there are {@code count}, in their order. */
    private List<ViewChanged> announcedTo(UUID user, int count) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "view-changes-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ViewChanged> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.VIEWS));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(user.toString())) {
                        found.add(read(record.value()));
                    }
                }
                return found.size() >= count;
            });
            // Anything more would be a change announced twice, or one that was refused.
            consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                if (record.key().equals(user.toString())) {
                    found.add(read(record.value()));
                }
            });
        }
        return found;
    }

    private ViewChanged read(byte[] value) {
        try {
            return json.readValue(value, ViewChanged.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
