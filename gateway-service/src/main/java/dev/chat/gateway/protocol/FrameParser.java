package dev.chat.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.common.ids.TimeUuids;
import dev.chat.common.protocol.ErrorCode;
import dev.chat.common.protocol.Attachment;
import dev.chat.common.protocol.Limits;
import dev.chat.common.protocol.MessageAction;
import dev.chat.common.protocol.Reactions;
import dev.chat.common.protocol.Texts;
import dev.chat.support.json.JsonProblems;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Parses a client's text frame into a {@link ClientFrame}, or says precisely what is wrong with it
 * ({@link BadFrame}): the error frame's code, a text naming the field, and the client's send id
 * when one could be read.
 */
public final class FrameParser {

    /** Why a frame was refused. */
    public static final class BadFrame extends Exception {
        private final ErrorCode code;
        private final String clientId;

        BadFrame(ErrorCode code, String message, String clientId) {
            super(message, null, false, false);
            this.code = code;
            this.clientId = clientId;
        }

        public ErrorCode code() {
            return code;
        }

        public String clientId() {
            return clientId;
        }
    }

    private final ObjectMapper json;

    public FrameParser(ObjectMapper json) {
        this.json = json;
    }

    public ClientFrame parse(String text) throws BadFrame {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadFrame(ErrorCode.BAD_JSON, "the frame is not valid: " + JsonProblems.describe(e), null);
        }
        if (frame == null || !frame.isObject()) {
            throw new BadFrame(ErrorCode.BAD_JSON, "a frame is a JSON object", null);
        }
        JsonNode type = frame.get("type");
        if (type == null || !type.isTextual()) {
            throw new BadFrame(ErrorCode.UNKNOWN_TYPE, "field 'type' is missing", null);
        }
        return switch (type.asText()) {
            case "send" -> send(frame);
            case "react", "edit", "delete" -> action(frame, MessageAction.fromWire(type.asText()));
            case "delivered" -> delivered(frame);
            case "seen" -> new ClientFrame.Seen(uuid(frame, "chatId", null), uuid(frame, "upTo", null));
            case "typing" -> new ClientFrame.Typing(uuid(frame, "to", null));
            case "ping" -> new ClientFrame.Ping();
            default -> throw new BadFrame(ErrorCode.UNKNOWN_TYPE, "unknown frame type '" + type.asText() + "'", null);
        };
    }

    private ClientFrame.Send send(JsonNode frame) throws BadFrame {
        String id = clientId(frame);
        UUID[] chat = chatOf(frame, id);
        Attachment attachment = frame.has("attachment") ? attachment(frame.get("attachment"), id) : null;
        // With an attachment the body is its caption, which may be left out.
        String body = attachment != null && !frame.has("body") ? null : body(frame, id);
        UUID replyTo = frame.has("replyTo") ? messageId(frame, "replyTo", id) : null;
        return new ClientFrame.Send(id, chat[0], chat[1], body, resend(frame, id), replyTo, null, null, attachment);
    }

    /** A send's attachment: the descriptor of an upload slot ({@link Attachment#problem} says what it must be). */
    private Attachment attachment(JsonNode node, String id) throws BadFrame {
        if (!node.isObject()) {
            throw new BadFrame(ErrorCode.INVALID_FIELD, "field 'attachment' must be an object: id, contentType, size, sha256"
                    + " and an optional thumbnail", id);
        }
        Attachment attachment;
        try {
            attachment = json.treeToValue(node, Attachment.class);
        } catch (JsonProcessingException e) {
            throw new BadFrame(ErrorCode.INVALID_FIELD, "field 'attachment' is not valid: " + JsonProblems.describe(e), id);
        } catch (IllegalArgumentException e) {
            throw new BadFrame(ErrorCode.INVALID_FIELD, "field 'attachment' is not valid", id);
        }
        String problem = attachment.problem();
        if (problem != null) {
            throw new BadFrame(ErrorCode.INVALID_FIELD, problem, id);
        }
        return attachment;
    }

    /** A reaction, an edit or a deletion: the message it acts on is {@code messageId}. */
    private static ClientFrame.Send action(JsonNode frame, MessageAction action) throws BadFrame {
        String id = clientId(frame);
        UUID[] chat = chatOf(frame, id);
        UUID target = messageId(frame, "messageId", id);
        String body = switch (action) {
            case REACT -> emoji(frame, id);
            case EDIT -> body(frame, id);
            case DELETE -> null;
        };
        return new ClientFrame.Send(id, chat[0], chat[1], body, resend(frame, id), null, action, target);
    }

    private static String clientId(JsonNode frame) throws BadFrame {
        JsonNode idNode = frame.get("id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank() || !Texts.isWellFormed(idNode.asText())
                || Texts.characters(idNode.asText()) > Limits.MAX_CLIENT_ID_CHARS) {
            throw new BadFrame(ErrorCode.INVALID_FIELD, "field 'id' must be a string of 1 to "
                    + Limits.MAX_CLIENT_ID_CHARS + " characters", null);
        }
        return idNode.asText();
    }

    /** The user ({@code [to, null]}) or group ({@code [null, group]}) the frame is for: exactly one of the two. */
    private static UUID[] chatOf(JsonNode frame, String id) throws BadFrame {
        boolean toGroup = frame.has("group");
        if (toGroup == frame.has("to")) {
            throw new BadFrame(ErrorCode.INVALID_FIELD, "a " + frame.get("type").asText()
                    + " has either 'to' (a user) or 'group', not both or neither", id);
        }
        return toGroup ? new UUID[] {null, uuid(frame, "group", id)} : new UUID[] {uuid(frame, "to", id), null};
    }

    private static String body(JsonNode frame, String id) throws BadFrame {
        JsonNode body = frame.get("body");
        if (body == null || !body.isTextual() || body.asText().isEmpty()) {
            throw new BadFrame(ErrorCode.INVALID_FIELD, "field 'body' must be a non-empty string", id);
        }
        if (!Texts.isWellFormed(body.asText())) {
            throw new BadFrame(ErrorCode.INVALID_FIELD, "field 'body' holds a lone surrogate (an unpaired \\ud800-\\udfff"
                    + " escape); text must be valid Unicode", id);
        }
        int characters = Texts.characters(body.asText());
        if (characters > Limits.MAX_BODY_CHARS) {
            throw new BadFrame(ErrorCode.TOO_LARGE, "the body has " + characters
                    + " characters; at most " + Limits.MAX_BODY_CHARS + " are allowed", id);
        }
        return body.asText();
    }

    private static String emoji(JsonNode frame, String id) throws BadFrame {
        JsonNode emoji = frame.get("emoji");
        if (emoji == null || !emoji.isTextual() || !Reactions.isValid(emoji.asText())) {
            throw new BadFrame(ErrorCode.INVALID_FIELD, Reactions.RULE, id);
        }
        return emoji.asText();
    }

    private static boolean resend(JsonNode frame, String id) throws BadFrame {
        JsonNode resend = frame.get("resend");
        if (resend != null && !resend.isBoolean()) {
            throw new BadFrame(ErrorCode.INVALID_FIELD, "field 'resend' must be true or false", id);
        }
        return resend != null && resend.asBoolean();
    }

    /** A field that names a message: a time-based UUID. */
    private static UUID messageId(JsonNode frame, String field, String clientId) throws BadFrame {
        JsonNode node = frame.get(field);
        UUID parsed = node != null && node.isTextual() ? parseUuid(node.asText()) : null;
        if (!TimeUuids.isMessageId(parsed)) {
            throw new BadFrame(ErrorCode.INVALID_FIELD, "field '" + field + "' must be a message id", clientId);
        }
        return parsed;
    }

    private static ClientFrame.Delivered delivered(JsonNode frame) throws BadFrame {
        UUID chatId = uuid(frame, "chatId", null);
        UUID from = uuid(frame, "from", null);
        JsonNode ids = frame.get("messageIds");
        if (ids == null || !ids.isArray() || ids.isEmpty() || ids.size() > Limits.MAX_IDS_PER_RECEIPT) {
            throw new BadFrame(ErrorCode.INVALID_FIELD, "field 'messageIds' must be an array of 1 to "
                    + Limits.MAX_IDS_PER_RECEIPT + " message ids", null);
        }
        List<UUID> messageIds = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            UUID parsed = id.isTextual() ? parseUuid(id.asText()) : null;
            if (!TimeUuids.isMessageId(parsed)) {
                throw new BadFrame(ErrorCode.INVALID_FIELD, "field 'messageIds' holds " + id + ", not a message id", null);
            }
            messageIds.add(parsed);
        }
        return new ClientFrame.Delivered(chatId, from, messageIds);
    }

    private static UUID uuid(JsonNode frame, String field, String clientId) throws BadFrame {
        JsonNode node = frame.get(field);
        UUID parsed = node != null && node.isTextual() ? parseUuid(node.asText()) : null;
        if (parsed == null) {
            throw new BadFrame(ErrorCode.INVALID_FIELD, "field '" + field + "' must be a UUID", clientId);
        }
        return parsed;
    }

    private static UUID parseUuid(String text) {
        try {
            return text.length() == 36 ? UUID.fromString(text) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
