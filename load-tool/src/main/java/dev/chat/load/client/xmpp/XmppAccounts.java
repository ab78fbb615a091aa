package dev.chat.load.client.xmpp;

import dev.chat.load.client.ChatUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

/**
 * Creates XMPP accounts through ejabberd's HTTP API ({@code POST <api>/register} with user, host
 * and password; bench/peer-ejabberd/ejabberd.yml.in allows only that command, only from
 * loopback). Each user is a fresh UUID as the JID's local part with a random password, kept as a
 * {@link ChatUser} (device "load", the password as its token), so the users file has one format
 * for both protocols.
 */
public final class XmppAccounts {

    private static final int IN_FLIGHT = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private XmppAccounts() {
    }

    /** Registers {@code count} accounts on {@code domain}, {@value #IN_FLIGHT} at a time. */
    public static List<ChatUser> register(String apiUrl, String domain, int count) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<ChatUser>> pending = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            byte[] secret = new byte[12];
            RANDOM.nextBytes(secret);
            ChatUser user = new ChatUser(id, "load", HexFormat.of().formatHex(secret));
            HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/register"))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(registerBody(user, domain))).build();
            inFlight.acquireUninterruptibly();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> inFlight.release())
                    .thenApply(response -> registered(response, user, apiUrl)));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    /** The register command's arguments; ids and hex passwords need no JSON escaping. */
    static String registerBody(ChatUser user, String domain) {
        return "{\"user\":\"" + user.userId() + "\",\"host\":\"" + domain + "\",\"password\":\"" + user.token() + "\"}";
    }

    private static ChatUser registered(HttpResponse<String> response, ChatUser user, String apiUrl) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException("registering " + user.userId() + " at " + apiUrl + " answered " + response.statusCode()
                    + ": " + response.body() + " (ejabberd must allow the register command from here: see "
                    + "load-tool/bench/peer-ejabberd/ejabberd.yml.in)");
        }
        return user;
    }
}
