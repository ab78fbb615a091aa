package dev.chat.load.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The chat backend's own protocol (docs/protocol.md): accounts registered through contacts-service
 * (local registration mode), listen-only users minted with the local stack's key, groups created
 * through message-service's REST API, where membership is settled at creation.
 */
public final class ChatProtocol implements Protocol {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String contactsUrl;
    private final String messagesUrl;

    /**
     * @param contactsUrl contacts-service, to register accounts (local registration mode)
     * @param messagesUrl message-service's public API, for groups
     */
    public ChatProtocol(String contactsUrl, String messagesUrl) {
        this.contactsUrl = contactsUrl;
        this.messagesUrl = messagesUrl;
    }

    @Override
    public String name() {
        return "chat";
    }

    @Override
    public String accountsLocation() {
        if (contactsUrl == null) {
            throw new IllegalArgumentException("this workload needs accounts: give --contacts (contacts-service in local registration mode)");
        }
        return contactsUrl;
    }

    @Override
    public List<ChatUser> register(int count) {
        return Accounts.register(accountsLocation(), count);
    }

    @Override
    public boolean mintsListenOnlyUsers() {
        return true;
    }

    @Override
    public ChatClient newClient(ChatUser user, int index, ChatClient.Listener listener) {
        return new ChatProtocolClient(user, index, listener);
    }

    @Override
    public String createGroup(List<ChatUser> members) {
        if (messagesUrl == null) {
            throw new IllegalArgumentException("the group workload creates its group through message-service: give --messages");
        }
        List<String> others = members.subList(1, members.size()).stream().map(u -> u.userId().toString()).toList();
        try {
            String name = "load " + UUID.randomUUID().toString().substring(0, 6);
            String body = JSON.writeValueAsString(Map.of("name", name, "memberIds", others));
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(messagesUrl + "/v1/groups")).timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + members.get(0).token())
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("creating the group answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body()).get("groupId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A slot from message-service, the bytes PUT to its pre-signed URL, then the descriptor a send carries. */
    @Override
    public String uploadAttachment(ChatUser user, byte[] bytes, String contentType) {
        if (messagesUrl == null) {
            throw new IllegalArgumentException("attachments are uploaded through message-service: give --messages");
        }
        try {
            String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> slot = http.send(HttpRequest.newBuilder(URI.create(messagesUrl + "/v1/attachments"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + user.token())
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("contentType", contentType,
                            "size", bytes.length, "sha256", sha256)))).build(), HttpResponse.BodyHandlers.ofString());
            if (slot.statusCode() != 201) {
                throw new IllegalStateException("an upload slot was refused: " + slot.statusCode() + " " + slot.body());
            }
            JsonNode answer = JSON.readTree(slot.body());
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(answer.get("uploadUrl").asText()))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", contentType)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() / 100 != 2) {
                throw new IllegalStateException("the object store refused the upload: " + put.statusCode() + " " + put.body());
            }
            return JSON.writeValueAsString(Map.of("id", answer.get("attachmentId").asText(), "contentType", contentType,
                    "size", bytes.length, "sha256", sha256));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("uploading an attachment failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Membership was settled when the group was created. */
    @Override
    public Future<Void> joinGroup(ChatClient member, String groupId) {
        return Future.succeededFuture();
    }
}
