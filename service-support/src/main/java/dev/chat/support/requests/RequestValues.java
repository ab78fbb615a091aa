package dev.chat.support.requests;

import dev.chat.common.ids.DeviceIds;
import dev.chat.common.ids.TimeUuids;
import jakarta.ws.rs.BadRequestException;
import java.util.UUID;

/**
 * Path and query values, parsed by the endpoints themselves rather than by JAX-RS, which answers
 * a malformed number or UUID with 404: here a malformed value is a 400 problem that says what was
 * expected. The one way every service reads ids and page sizes.
 */
public final class RequestValues {

    private RequestValues() {
    }

    /**
     * A UUID in its canonical 36-character form only: {@link UUID#fromString} also accepts
     * shortened groups such as {@code 1-2-3-4-5}, which would name another id than the client meant.
     *
     * @param what what the value should be, for the message: "a user id"
     */
    public static UUID uuid(String text, String what) {
        try {
            UUID id = UUID.fromString(text);
            if (id.toString().equalsIgnoreCase(text)) {
                return id;
            }
        } catch (IllegalArgumentException | NullPointerException notAUuid) {
            // answered below
        }
        throw new BadRequestException("'" + text + "' is not " + what + " (a UUID)");
    }

    /** A message id: a UUID that is time-based ({@link TimeUuids#isMessageId}); 400 otherwise. */
    public static UUID messageId(String text) {
        UUID id = uuid(text, "a message id");
        if (!TimeUuids.isMessageId(id)) {
            throw new BadRequestException("'" + text + "' is not a message id");
        }
        return id;
    }

    /**
     * A paging cursor that names a message: null when not given (absent or blank), else a message
     * id as {@link #messageId} takes it; only time-based ids order messages, so nothing else is one.
     */
    public static UUID messageCursor(String text) {
        return text == null || text.isBlank() ? null : messageId(text);
    }

    /**
     * The signed-in user: the token's subject, which every service takes for the user id (a
     * token whose subject is not a UUID is answered 400, never taken for someone).
     */
    public static UUID signedInUser(String tokenSubject) {
        return uuid(tokenSubject, "the token's subject");
    }

    /**
     * The signed-in device: the value of the token's device claim ({@code chat.auth.device-claim}),
     * or null when the token names none, or none that is a device id (an identity provider's token
     * may carry no device; the gateway refuses such a token, a REST request needs none).
     */
    public static String signedInDevice(Object deviceClaim) {
        return deviceClaim != null && DeviceIds.isValid(deviceClaim.toString()) ? deviceClaim.toString() : null;
    }

    /** A page size from 1 to {@code max}. */
    public static int limit(String text, int max) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw new BadRequestException("limit must be 1 to " + max + ", not " + text);
    }
}
