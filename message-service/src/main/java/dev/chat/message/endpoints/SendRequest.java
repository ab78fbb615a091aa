package dev.chat.message.endpoints;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The gateway's request to store and publish one message. */
public record SendRequest(
        @NotNull UUID senderId,
        @NotNull UUID recipientId,
        @NotBlank @Size(max = 64) String clientMessageId,
        @NotNull @Size(min = 1, max = 4096) String body) {
}
