package dev.chat.support.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ws.rs.BadRequestException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestValuesTest {

    @Test
    void onlyCanonicalUuidsAreAcceptedAndTheMessageSaysWhatWasExpected() {
        UUID id = UUID.randomUUID();
        assertEquals(id, RequestValues.uuid(id.toString(), "a user id"));
        assertEquals(id, RequestValues.uuid(id.toString().toUpperCase(), "a user id"));
        assertEquals("'1-2-3-4-5' is not a user id (a UUID)",
                assertThrows(BadRequestException.class, () -> RequestValues.uuid("1-2-3-4-5", "a user id")).getMessage());
        assertThrows(BadRequestException.class, () -> RequestValues.uuid("nope", "a chat id"));
        assertThrows(BadRequestException.class, () -> RequestValues.uuid(null, "a chat id"));
    }

    @Test
    void theSignedInDeviceIsTheClaimWhenItIsADeviceIdAndNoneOtherwise() {
        assertEquals("laptop", RequestValues.signedInDevice("laptop"));
        assertNull(RequestValues.signedInDevice(null), "a token without a device claim");
        assertNull(RequestValues.signedInDevice(""), "not a device id");
        assertNull(RequestValues.signedInDevice("two words"), "not a device id");
    }

    @Test
    void limitsOutsideTheRangeOrNotNumbersAreRefused() {
        assertEquals(1, RequestValues.limit("1", 100));
        assertEquals(100, RequestValues.limit("100", 100));
        assertEquals("limit must be 1 to 100, not 0",
                assertThrows(BadRequestException.class, () -> RequestValues.limit("0", 100)).getMessage());
        assertThrows(BadRequestException.class, () -> RequestValues.limit("101", 100));
        assertThrows(BadRequestException.class, () -> RequestValues.limit("ten", 100));
    }
}
