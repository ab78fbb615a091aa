package dev.chat.gateway.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.common.protocol.Attachment;
import dev.chat.common.protocol.Limits;
import dev.chat.common.protocol.MessageAction;
import dev.chat.support.json.StrictJson;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FrameParserTest {

    private final FrameParser parser = new FrameParser(StrictJson.apply(new ObjectMapper())); // as Quarkus' mapper is made
    private final UUID user = UUID.randomUUID();

    @Test
    void eachFrameTypeIsParsed() throws Exception {
        UUID messageId = TimeUuids.startOf(Instant.now());
        UUID chat = UUID.randomUUID();
        assertEquals(new ClientFrame.Send("c-1", user, null, "hi", false),
                parser.parse("{\"type\":\"send\",\"id\":\"c-1\",\"to\":\"" + user + "\",\"body\":\"hi\"}"));
        assertEquals(new ClientFrame.Send("c-1", user, null, "hi", true), parser.parse(
                "{\"type\":\"send\",\"id\":\"c-1\",\"to\":\"" + user + "\",\"body\":\"hi\",\"resend\":true}"));
        assertEquals(new ClientFrame.Send("c-2", null, chat, "hi all", false),
                parser.parse("{\"type\":\"send\",\"id\":\"c-2\",\"group\":\"" + chat + "\",\"body\":\"hi all\"}"));
        assertEquals(new ClientFrame.Delivered(chat, user, List.of(messageId)), parser.parse(
                "{\"type\":\"delivered\",\"chatId\":\"" + chat + "\",\"from\":\"" + user + "\",\"messageIds\":[\"" + messageId + "\"]}"));
        assertEquals(new ClientFrame.Seen(chat, messageId),
                parser.parse("{\"type\":\"seen\",\"chatId\":\"" + chat + "\",\"upTo\":\"" + messageId + "\"}"));
        assertEquals(new ClientFrame.Typing(user), parser.parse("{\"type\":\"typing\",\"to\":\"" + user + "\"}"));
        assertEquals(new ClientFrame.Ping(), parser.parse("{\"type\":\"ping\"}"));
    }

    @Test
    void repliesAndActionsAreParsedAsSendsThatNameAMessage() throws Exception {
        UUID target = TimeUuids.startOf(Instant.now());
        UUID group = UUID.randomUUID();
        assertEquals(new ClientFrame.Send("c-1", user, null, "yes", false, target, null, null), parser.parse(
                "{\"type\":\"send\",\"id\":\"c-1\",\"to\":\"" + user + "\",\"body\":\"yes\",\"replyTo\":\"" + target + "\"}"));
        assertEquals(new ClientFrame.Send("c-2", null, group, "👍🏽", false, null, MessageAction.REACT, target), parser.parse(
                "{\"type\":\"react\",\"id\":\"c-2\",\"group\":\"" + group + "\",\"messageId\":\"" + target
                        + "\",\"emoji\":\"👍🏽\"}"));
        assertEquals(new ClientFrame.Send("c-3", user, null, "", true, null, MessageAction.REACT, target), parser.parse(
                "{\"type\":\"react\",\"id\":\"c-3\",\"to\":\"" + user + "\",\"messageId\":\"" + target
                        + "\",\"emoji\":\"\",\"resend\":true}"));
        assertEquals(new ClientFrame.Send("c-4", user, null, "fixed", false, null, MessageAction.EDIT, target), parser.parse(
                "{\"type\":\"edit\",\"id\":\"c-4\",\"to\":\"" + user + "\",\"messageId\":\"" + target
                        + "\",\"body\":\"fixed\"}"));
        assertEquals(new ClientFrame.Send("c-5", user, null, null, false, null, MessageAction.DELETE, target), parser.parse(
                "{\"type\":\"delete\",\"id\":\"c-5\",\"to\":\"" + user + "\",\"messageId\":\"" + target + "\"}"));
    }

    @Test
    void aSendMayCarryAnAttachmentWhoseCaptionIsOptional() throws Exception {
        UUID attachment = TimeUuids.startOf(Instant.now());
        String digest = "ab".repeat(32);
        String descriptor = "{\"id\":\"" + attachment + "\",\"contentType\":\"image/jpeg\",\"size\":1234,\"sha256\":\""
                + digest + "\"}";
        ClientFrame.Send send = (ClientFrame.Send) parser.parse("{\"type\":\"send\",\"id\":\"p-1\",\"to\":\"" + user
                + "\",\"attachment\":" + descriptor + "}");
        assertEquals(new Attachment(attachment, "image/jpeg", 1234L, digest, null), send.attachment());
        assertNull(send.body(), "no caption");
        assertEquals(ErrorCode.INVALID_FIELD, code("{\"type\":\"send\",\"id\":\"p-2\",\"to\":\"" + user
                + "\",\"attachment\":" + descriptor.replace(digest, "xyz") + "}"));
        assertEquals(ErrorCode.INVALID_FIELD, code("{\"type\":\"send\",\"id\":\"p-3\",\"to\":\"" + user
                + "\",\"attachment\":\"photo.jpg\"}"));
        assertEquals(ErrorCode.INVALID_FIELD, code("{\"type\":\"send\",\"id\":\"p-4\",\"to\":\"" + user
                + "\",\"attachment\":" + descriptor.replace("1234", "-1") + "}"));
        assertEquals(ErrorCode.INVALID_FIELD, code("{\"type\":\"send\",\"id\":\"p-5\",\"to\":\"" + user
                + "\",\"body\":\"\",\"attachment\":" + descriptor + "}"), "a caption given is not empty");
    }

    @Test
    void anActionNamesAMessageByItsIdAndAReactionIsOneEmoji() {
        UUID target = TimeUuids.startOf(Instant.now());
        String react = "{\"type\":\"react\",\"id\":\"r\",\"to\":\"" + user + "\",\"messageId\":\"" + target + "\",\"emoji\":";
        for (String emoji : new String[] {"\"ok\"", "\"👍 \"", "7", "null", "\"" + "👍".repeat(17) + "\""}) {
            FrameParser.BadFrame bad = assertThrows(FrameParser.BadFrame.class, () -> parser.parse(react + emoji + "}"), emoji);
            assertEquals(ErrorCode.INVALID_FIELD, bad.code(), emoji);
            assertEquals("r", bad.clientId());
        }
        FrameParser.BadFrame notAMessage = assertThrows(FrameParser.BadFrame.class, () -> parser.parse(
                "{\"type\":\"delete\",\"id\":\"d\",\"to\":\"" + user + "\",\"messageId\":\"" + UUID.randomUUID() + "\"}"));
        assertEquals("field 'messageId' must be a message id", notAMessage.getMessage());
        assertEquals(ErrorCode.INVALID_FIELD, code("{\"type\":\"send\",\"id\":\"s\",\"to\":\"" + user
                + "\",\"body\":\"b\",\"replyTo\":\"" + user + "\"}"), "a user id is no message to reply to");
        assertEquals(ErrorCode.TOO_LARGE, code("{\"type\":\"edit\",\"id\":\"e\",\"to\":\"" + user + "\",\"messageId\":\""
                + target + "\",\"body\":\"" + "x".repeat(4097) + "\"}"));
        assertEquals(ErrorCode.INVALID_FIELD, code("{\"type\":\"edit\",\"id\":\"e\",\"to\":\"" + user + "\",\"messageId\":\""
                + target + "\"}"), "an edit without a body");
    }

    @Test
    void theErrorNamesTheFieldAndKeepsTheClientIdOfASend() {
        FrameParser.BadFrame bad = assertThrows(FrameParser.BadFrame.class,
                () -> parser.parse("{\"type\":\"send\",\"id\":\"c-9\",\"to\":\"not-a-uuid\",\"body\":\"hi\"}"));
        assertEquals(ErrorCode.INVALID_FIELD, bad.code());
        assertEquals("field 'to' must be a UUID", bad.getMessage());
        assertEquals("c-9", bad.clientId());
    }

    @Test
    void aSendNamesEitherAUserOrAGroup() {
        UUID group = UUID.randomUUID();
        FrameParser.BadFrame both = assertThrows(FrameParser.BadFrame.class, () -> parser.parse(
                "{\"type\":\"send\",\"id\":\"c-3\",\"to\":\"" + user + "\",\"group\":\"" + group + "\",\"body\":\"x\"}"));
        assertEquals(ErrorCode.INVALID_FIELD, both.code());
        assertEquals("c-3", both.clientId());
        assertEquals(ErrorCode.INVALID_FIELD, code("{\"type\":\"send\",\"id\":\"c-4\",\"body\":\"x\"}"));
        assertEquals(ErrorCode.INVALID_FIELD, code("{\"type\":\"send\",\"id\":\"c-5\",\"group\":\"g\",\"body\":\"x\"}"));
    }

    @Test
    void malformedFramesGetTheirCodes() {
        assertEquals(ErrorCode.BAD_JSON, code("{\"type\":"));
        assertEquals(ErrorCode.BAD_JSON, code("\"just a string\""));
        assertEquals(ErrorCode.BAD_JSON, code("{\"type\":\"ping\"} {\"type\":\"ping\"}"));
        assertEquals(ErrorCode.BAD_JSON, code("{\"type\":\"ping\",\"type\":\"ping\"}"));
        assertEquals(ErrorCode.UNKNOWN_TYPE, code("{}"));
        assertEquals(ErrorCode.UNKNOWN_TYPE, code("{\"type\":7}"));
        assertEquals(ErrorCode.INVALID_FIELD, code("{\"type\":\"send\",\"id\":\"" + "x".repeat(65) + "\",\"to\":\"" + user + "\",\"body\":\"b\"}"));
        assertEquals(ErrorCode.INVALID_FIELD, code("{\"type\":\"send\",\"id\":\"c\",\"to\":\"" + user + "\",\"body\":\"b\","
                + "\"resend\":\"yes\"}"));
        assertEquals(ErrorCode.TOO_LARGE, code("{\"type\":\"send\",\"id\":\"c\",\"to\":\"" + user + "\",\"body\":\"" + "x".repeat(4097) + "\"}"));
        assertEquals(ErrorCode.INVALID_FIELD, code("{\"type\":\"delivered\",\"chatId\":\"" + user + "\",\"from\":\"" + user
                + "\",\"messageIds\":[\"" + UUID.randomUUID() + "\"]}"), "a random UUID is not a message id");
        assertEquals(ErrorCode.INVALID_FIELD, code("{\"type\":\"delivered\",\"chatId\":\"" + user + "\",\"from\":\"" + user
                + "\",\"messageIds\":[]}"));
    }

    @Test
    void bodiesAreCountedInCharactersAndMustBeValidUnicode() throws Exception {
        String emoji = new String(Character.toChars(0x1F600));
        ClientFrame.Send longest = (ClientFrame.Send) parser.parse("{\"type\":\"send\",\"id\":\"c\",\"to\":\"" + user
                + "\",\"body\":\"" + emoji.repeat(Limits.MAX_BODY_CHARS) + "\"}");
        assertEquals(2 * Limits.MAX_BODY_CHARS, longest.body().length(), "4096 characters in 8192 UTF-16 units are allowed");
        assertEquals(ErrorCode.TOO_LARGE, code("{\"type\":\"send\",\"id\":\"c\",\"to\":\"" + user + "\",\"body\":\""
                + emoji.repeat(Limits.MAX_BODY_CHARS + 1) + "\"}"));
        FrameParser.BadFrame lone = assertThrows(FrameParser.BadFrame.class, () -> parser.parse(
                "{\"type\":\"send\",\"id\":\"c\",\"to\":\"" + user + "\",\"body\":\"x\\ud800y\"}"));
        assertEquals(ErrorCode.INVALID_FIELD, lone.code());
        assertTrue(lone.getMessage().contains("lone surrogate"), lone.getMessage());
    }

    @Test
    void aFrameWithoutSendIdHasNoClientIdInItsError() {
        FrameParser.BadFrame bad = assertThrows(FrameParser.BadFrame.class, () -> parser.parse("{\"type\":\"typing\"}"));
        assertNull(bad.clientId());
    }

    private ErrorCode code(String frame) {
        return assertThrows(FrameParser.BadFrame.class, () -> parser.parse(frame)).code();
    }
}
