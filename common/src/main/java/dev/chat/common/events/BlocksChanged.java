package dev.chat.common.events;

import java.util.UUID;

/** {@code userId} blocked or unblocked someone ({@code blocks}): cached block lists of the user are stale. */
public record BlocksChanged(UUID userId) {
}
