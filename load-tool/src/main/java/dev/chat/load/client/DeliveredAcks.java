package dev.chat.load.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A receiving device's {@code delivered} acknowledgements, gathered per (chat, sender) and sent
 * every flush (at most 100 ids per frame), as a real client acknowledges a burst of messages with
 * one frame. Until acknowledged, a message stays pending for the device.
 */
public final class DeliveredAcks {

    private static final int MAX_IDS = 100;

    private final Consumer<String> socket;
    private final Map<String, List<String>> waiting = new LinkedHashMap<>();

    /** @param socket writes a frame to the device's socket */
    public DeliveredAcks(Consumer<String> socket) {
        this.socket = socket;
    }

    public synchronized void add(String chatId, String from, String messageId) {
        waiting.computeIfAbsent(chatId + ' ' + from, k -> new ArrayList<>()).add(messageId);
    }

    public void flush() {
        Map<String, List<String>> taken;
        synchronized (this) {
            if (waiting.isEmpty()) {
                return;
            }
            taken = new LinkedHashMap<>(waiting);
            waiting.clear();
        }
        taken.forEach((key, ids) -> {
            String chatId = key.substring(0, key.indexOf(' '));
            String from = key.substring(key.indexOf(' ') + 1);
            for (int i = 0; i < ids.size(); i += MAX_IDS) {
                socket.accept(ChatFrames.delivered(chatId, from, ids.subList(i, Math.min(ids.size(), i + MAX_IDS))));
            }
        });
    }
}
