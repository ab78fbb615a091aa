package dev.chat.load.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.stack.tokens.DevTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where the load tool's users come from.
 *
 * <ul>
 *   <li>{@link #register}: real accounts, created through contacts-service's
 *       {@code POST /v1/accounts} in local registration mode, which answers with a token. Sends
 *       need these: a send to a user without an account is refused.</li>
 *   <li>{@link #mint}: tokens signed with the local stack's private key for fresh user ids, with
 *       no account behind them; enough for sockets that only connect and listen.</li>
 * </ul>
 * Either way the users can be kept in a file ({@link #save}, {@link #load}) so that repeated runs
 * reuse them instead of registering again.
 */
public final class Accounts {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int IN_FLIGHT = 32;

    private Accounts() {
    }

    /** Registers {@code count} accounts with fresh phone numbers, {@value #IN_FLIGHT} at a time. */
    public static List<ChatUser> register(String contactsUrl, int count) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<ChatUser>> pending = new ArrayList<>(count);
        long numberBase = 2_000_000_000L + ThreadLocalRandom.current().nextLong(7_000_000_000L);
        for (int i = 0; i < count; i++) {
            String body = "{\"phoneNumber\":\"+1" + (numberBase + i) + "\",\"displayName\":\"load " + i
                    + "\",\"deviceId\":\"load\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(contactsUrl + "/v1/accounts"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            inFlight.acquireUninterruptibly();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> inFlight.release())
                    .thenApply(Accounts::registered));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private static ChatUser registered(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new IllegalStateException("registration answered " + response.statusCode() + ": " + response.body()
                    + " (contacts-service must run with CHAT_ACCOUNTS_REGISTRATION=local, as the local stack does)");
        }
        try {
            JsonNode account = JSON.readTree(response.body());
            if (!account.hasNonNull("token")) {
                throw new IllegalStateException("registration gave no token: contacts-service is not in local registration mode");
            }
            return new ChatUser(UUID.fromString(account.get("userId").asText()), "load", account.get("token").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code count} fresh user ids with tokens signed by the key pair in {@code keyDir}. */
    public static List<ChatUser> mint(Path keyDir, int count) {
        if (!Files.exists(keyDir.resolve("private.pem"))) {
            throw new IllegalArgumentException(keyDir + " holds no private.pem (the local stack keeps its key pair in .local-stack/keys)");
        }
        DevTokens tokens = DevTokens.loadOrCreate(keyDir);
        List<ChatUser> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID user = UUID.randomUUID();
            users.add(new ChatUser(user, "load", tokens.mint(user, "load", Duration.ofHours(12))));
        }
        return users;
    }

    public static void save(Path file, List<ChatUser> users) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writeValue(file.toFile(), users);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<ChatUser> load(Path file) {
        try {
            return List.of(JSON.readValue(file.toFile(), ChatUser[].class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the users in " + file + ": " + e.getMessage(), e);
        }
    }
}
