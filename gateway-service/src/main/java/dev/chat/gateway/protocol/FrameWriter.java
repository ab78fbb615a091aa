package dev.chat.gateway.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Serialises server frames (records of {@code ServerFrames}) to the JSON text written on sockets. */
@ApplicationScoped
public class FrameWriter {

    private final ObjectMapper json;

    public FrameWriter(ObjectMapper json) {
        this.json = json;
    }

    public String write(Object frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frames are plain records and always serialise", e);
        }
    }
}
