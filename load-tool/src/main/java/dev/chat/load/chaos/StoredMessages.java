package dev.chat.load.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.load.client.ChatUser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What inbox-service answers a user, as a client would read it after the run: a chat's whole
 * history (every page of {@code GET /v1/chats/{chatId}/messages}) and the inbox's unread counts
 * ({@code GET /v1/inbox}). Both read Cassandra, so a message acknowledged but missing here was
 * acknowledged without being stored.
 */
final class StoredMessages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String inboxUrl;

    StoredMessages(String inboxUrl) {
        this.inboxUrl = inboxUrl;
    }

    /** One stored message: its id and sender, and whether it is a group's system message (a membership change). */
    record Stored(String messageId, String senderId, boolean system) {
    }

    List<Stored> history(ChatUser reader, String chatId) {
        List<Stored> all = new ArrayList<>();
        String before = null;
        do {
            JsonNode page = get(reader, "/v1/chats/" + chatId + "/messages?limit=100" + (before == null ? "" : "&before=" + before));
            page.path("messages").forEach(m -> all.add(new Stored(m.path("messageId").asText(), m.path("senderId").asText(),
                    m.hasNonNull("system"))));
            before = page.hasNonNull("nextBefore") ? page.get("nextBefore").asText() : null;
        } while (before != null);
        return all;
    }

    /** The unread count of {@code chatId} in the reader's inbox, or -1 when the inbox has no such chat. */
    int unread(ChatUser reader, String chatId) {
        String cursor = null;
        do {
            JsonNode page = get(reader, "/v1/inbox?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode conversation : page.path("conversations")) {
                if (chatId.equals(conversation.path("chatId").asText())) {
                    return conversation.path("unreadCount").asInt();
                }
            }
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return -1;
    }

    private JsonNode get(ChatUser reader, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(inboxUrl + path))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + reader.token()).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
