package dev.chat.support.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.chat.support.startup.ServerAddresses.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerAddressesTest {

    @Test
    void hostPortListsAndRedisUrlsAreParsed() {
        assertEquals(List.of(new Address("10.0.0.1", 9042), new Address("cass-2", 19042)),
                ServerAddresses.parse("10.0.0.1, cass-2:19042", 9042));
        assertEquals(List.of(new Address("redis.svc", 6380)),
                ServerAddresses.parse("redis://user:secret@redis.svc:6380/0", 6379));
        assertEquals(List.of(new Address("redis.svc", 6379)), ServerAddresses.parse("redis://redis.svc", 6379));
    }

    @Test
    void garbageIsRefusedWithTheValueNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerAddresses.parse("kafka:ninety", 9092));
        assertEquals("'kafka:ninety' has no valid port", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ServerAddresses.parse(" , ", 9092));
    }
}
