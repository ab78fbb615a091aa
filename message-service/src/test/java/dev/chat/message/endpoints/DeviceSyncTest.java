package dev.chat.message.endpoints;

import static dev.chat.message.support.Gateway.gateway;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.quarkus.runtime.api.session.QuarkusCqlSession;
import dev.chat.common.events.Topics;
import dev.chat.message.storage.DeviceDirectory;
import dev.chat.message.support.Announcer;
import dev.chat.message.support.Sends;
import dev.chat.message.support.TestUsers;
import dev.chat.message.support.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeviceSyncTest {

    @Inject
    QuarkusCqlSession cassandra;

    @Inject
    DeviceDirectory devices;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void messagesForAUserWithoutDevicesGoToTheFirstDeviceThatConnectsInOrder() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        UUID m1 = Sends.send(alice, bob, "1", "one");
        UUID m2 = Sends.send(alice, bob, "2", "two");
        UUID m3 = Sends.send(alice, bob, "3", "three");

        gateway().post(pending(bob, "phone")).then().statusCode(200)
                .body("messages.messageId", contains(m1.toString(), m2.toString(), m3.toString()))
                .body("messages.body", contains("one", "two", "three"))
                .body("messages[0].from", equalTo(alice.toString()))
                .body("more", equalTo(false));

        assertEquals(0, cassandra.execute("SELECT * FROM pending_messages WHERE user_id = ? AND device_id = ''", bob)
                .all().size(), "claimed by the phone");
        gateway().post(pending(bob, "laptop")).then().statusCode(200).body("messages", empty());
    }

    @Test
    void eachRegisteredDeviceGetsItsOwnPendingRowsPageByPage() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        gateway().post(pending(bob, "phone")).then().statusCode(200);
        gateway().post(pending(bob, "laptop")).then().statusCode(200);
        UUID m1 = Sends.send(alice, bob, "1", "one");
        UUID m2 = Sends.send(alice, bob, "2", "two");
        UUID m3 = Sends.send(alice, bob, "3", "three");

        gateway().post(pending(bob, "laptop") + "?limit=2").then().statusCode(200)
                .body("messages.messageId", contains(m1.toString(), m2.toString()))
                .body("more", equalTo(true));
        gateway().post(pending(bob, "laptop") + "?limit=2&after=" + m2).then().statusCode(200)
                .body("messages.messageId", contains(m3.toString()))
                .body("more", equalTo(false));
        gateway().post(pending(bob, "phone") + "?after=" + m1).then().statusCode(200)
                .body("messages.messageId", contains(m2.toString(), m3.toString()));
    }

    @Test
    void aDeviceReconnectingWithinTheRefreshIntervalIsNotWrittenAgainAndStillGetsPendingRows() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        gateway().post(pending(bob, "phone")).then().statusCode(200);
        long firstWrite = deviceRowWriteTime(bob, "phone");

        gateway().post(pending(bob, "phone")).then().statusCode(200);
        UUID m1 = Sends.send(alice, bob, "1", "one");

        assertEquals(firstWrite, deviceRowWriteTime(bob, "phone"), "the reconnect did not rewrite the row");
        gateway().post(pending(bob, "phone")).then().statusCode(200).body("messages.messageId", contains(m1.toString()));
    }

    @Test
    void aNewDeviceGetsPendingRowsForMessagesSentRightAfterItConnected() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        gateway().post(pending(bob, "phone")).then().statusCode(200);
        Sends.send(alice, bob, "1", "one"); // bob's device list, [phone], is now cached

        gateway().post(pending(bob, "laptop")).then().statusCode(200);
        UUID m2 = Sends.send(alice, bob, "2", "two");

        gateway().post(pending(bob, "laptop")).then().statusCode(200).body("messages.messageId", contains(m2.toString()));
    }

    @Test
    void aDeviceAnotherInstanceAnnouncesGetsPendingRowsFromTheNextMessagesOn() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        gateway().post(pending(bob, "phone")).then().statusCode(200);
        Sends.send(alice, bob, "first", "cached"); // caches [phone]; the test profile never re-reads it
        // What another instance does when the tablet connects there: the row, then the announcement.
        cassandra.execute("INSERT INTO user_devices (user_id, device_id, connected_at) VALUES (?, 'tablet', toTimestamp(now()))",
                bob);
        Announcer.device(kafka, bob, "tablet");

        AtomicInteger sends = new AtomicInteger();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Sends.send(alice, bob, "again-" + sends.incrementAndGet(), "later");
            return !cassandra.execute("SELECT * FROM pending_messages WHERE user_id = ? AND device_id = 'tablet'", bob)
                    .all().isEmpty();
        });
    }

    @Test
    void anAnnouncedUsersDeviceListIsReadAgainBeforeAnyMessageNeedsIt() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        cassandra.execute("INSERT INTO user_devices (user_id, device_id, connected_at) VALUES (?, 'tablet', toTimestamp(now()))",
                bob);
        Announcer.device(kafka, bob, "tablet");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> devices.cachedDevicesOf(bob).isPresent());
        // Gone from Cassandra now: a message that still gets a pending row for it took the list from the cache.
        cassandra.execute("DELETE FROM user_devices WHERE user_id = ?", bob);

        Sends.send(alice, bob, "primed", "no read on my way");

        assertEquals(1, cassandra.execute("SELECT * FROM pending_messages WHERE user_id = ? AND device_id = 'tablet'", bob)
                .all().size());
    }

    @Test
    void aDeviceConnectingForTheFirstTimeIsAnnouncedToEveryInstance() {
        UUID bob = TestUsers.registered();
        gateway().post(pending(bob, "watch")).then().statusCode(200);

        ConsumerRecord<String, String> announcement = TopicReader.first(kafka, Topics.DEVICES,
                r -> r.key().equals(bob.toString()));
        assertTrue(announcement.value().contains("\"deviceId\":\"watch\""), announcement.value());
    }


    @Test
    void aUsersFirstDeviceGetsPendingRowsForMessagesSentRightAfterAnotherInstanceRegisteredIt() {
        UUID alice = TestUsers.registered();
        UUID bob = TestUsers.registered();
        Sends.send(alice, bob, "1", "before any device"); // bob's list was read empty
        cassandra.execute("INSERT INTO user_devices (user_id, device_id, connected_at) VALUES (?, 'tablet', toTimestamp(now()))",
                bob);

        UUID m2 = Sends.send(alice, bob, "2", "after the tablet registered");

        assertEquals(List.of(m2), cassandra.execute("SELECT message_id FROM pending_messages WHERE user_id = ?"
                + " AND device_id = 'tablet'", bob).all().stream().map(row -> row.getUuid(0)).toList(),
                "stored for the tablet, not left unclaimed");
        assertEquals(1, cassandra.execute("SELECT * FROM pending_messages WHERE user_id = ? AND device_id = ''", bob)
                .all().size(), "the first message waits for the tablet's claim");
    }

    @Test
    void badPagesAreRefused() {
        UUID bob = TestUsers.registered();
        gateway().post(pending(bob, "phone") + "?limit=0").then().statusCode(400);
        gateway().post(pending(bob, "phone") + "?limit=501").then().statusCode(400);
        gateway().post(pending(bob, "bad device!")).then().statusCode(400);
    }

    private long deviceRowWriteTime(UUID user, String device) {
        return cassandra.execute("SELECT writetime(connected_at) FROM user_devices WHERE user_id = ? AND device_id = ?",
                user, device).one().getLong(0);
    }

    private static String pending(UUID user, String device) {
        return "/internal/v1/devices/" + user + "/" + device + "/pending";
    }
}
