package dev.chat.load.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class FramesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSendFrameCarriesItsNumberingInTheClientIdAndTheBody() throws Exception {
        Frames.Numbered numbered = new Frames.Numbered(2, 17, 4, 123_456_789L);
        JsonNode frame = JSON.readTree(Frames.send("ab12cd", numbered, "to", "some-user", Frames.padding(100)));

        assertEquals("send", frame.get("type").asText());
        assertEquals("some-user", frame.get("to").asText());
        assertTrue(frame.get("body").asText().startsWith("L|2|17|4|123456789|xxx"));
        assertTrue(frame.get("id").asText().length() <= 64, "client ids are at most 64 characters");
        assertEquals(numbered, Frames.fromClientId(frame.get("id").asText()));
        assertEquals(numbered, Frames.fromBody(frame.get("body").asText()));
    }

    @Test
    void foreignIdsAndBodiesAreNotTheTools() {
        assertNull(Frames.fromClientId("c-1"));
        assertNull(Frames.fromBody("hello"));
        assertNull(Frames.fromBody("L|x|1|2|3|"));
    }

    @Test
    void deliveredListsTheIdsOfOneChatAndSender() throws Exception {
        JsonNode frame = JSON.readTree(Frames.delivered("chat", "sender", List.of("a", "b")));

        assertEquals("delivered", frame.get("type").asText());
        assertEquals("chat", frame.get("chatId").asText());
        assertEquals("sender", frame.get("from").asText());
        assertEquals(2, frame.get("messageIds").size());
    }
}
