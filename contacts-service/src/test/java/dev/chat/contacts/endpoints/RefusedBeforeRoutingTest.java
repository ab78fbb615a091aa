package dev.chat.contacts.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.contacts.support.Phones;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Requests refused before any endpoint runs (by the shared RequestLimits and RouterFailures of
 * service-support) still get a problem body: over-long URIs, over-large bodies, paths that are not
 * paths, a request without a Host. Written on a raw socket, since an HTTP client would repair or
 * refuse to send most of them.
 */
@QuarkusTest
class RefusedBeforeRoutingTest {

    @TestHTTPResource("/")
    URL server;

    @Test
    void aUriOverTheLimitIsRefusedWith414AndAProblemBody() throws IOException {
        String path = "/v1/accounts/" + "a".repeat(5000);
        JsonObject problem = problemOf(exchange("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 414);
        assertTrue(problem.getString("detail").contains("4096"), problem.encode());
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedWith413WithoutReadingIt() throws IOException {
        String head = "POST /v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (10L * 1024 * 1024 + 1) + "\r\n\r\n{\"phoneNumber\":";
        JsonObject problem = problemOf(exchange(head), 413);
        assertTrue(problem.getString("detail").contains("10485760"), problem.encode());
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413() throws IOException {
        StringBuilder request = new StringBuilder("POST /v1/accounts HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        String chunk = "a".repeat(1 << 20);
        request.append("10\r\n{\"displayName\":\"\r\n");
        for (int i = 0; i < 11; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("2\r\n\"}\r\n0\r\n\r\n");
        problemOf(exchange(request.toString()), 413);
    }

    @Test
    void aChunkedBodyWithinTheLimitReachesTheEndpoint() throws IOException {
        String body = "{\"phoneNumber\":\"" + Phones.fresh() + "\",\"displayName\":\"Chunked\"}";
        String response = exchange("POST /v1/accounts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 201 "), response);
        assertTrue(response.contains("\"displayName\":\"Chunked\""), response);
    }

    @Test
    void brokenPercentEncodingIsA400ProblemAndTheServiceAnswersAfterwards() throws IOException {
        problemOf(exchange("GET /v1/accounts/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
        problemOf(exchange("GET /v1/contacts/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
        String after = exchange("GET /v1/accounts/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertTrue(after.startsWith("HTTP/1.1 401"), after);
    }

    @Test
    void generatedBadUrisAllGetAProblemBody() throws IOException {
        Random random = new Random(20261204L);
        String[] damage = {"%", "%z", "%zz", "%4", "{", "}", "|", "^", "`", "\\", "<", ">", "%%", "\"", "[", "]"};
        for (int i = 0; i < 300; i++) {
            StringBuilder path = new StringBuilder("/v1/contacts/");
            for (int part = 0, parts = 1 + random.nextInt(4); part < parts; part++) {
                path.append(Integer.toHexString(random.nextInt())).append(damage[random.nextInt(damage.length)]);
            }
            String uri = random.nextInt(10) == 0 ? path + "a".repeat(4100) : path.toString();
            int status = uri.length() > 4096 ? 414 : 400;
            problemOf(exchange("GET " + uri + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), status);
        }
    }

    @Test
    void aRequestWithoutAHostIsA400Problem() throws IOException {
        problemOf(exchange("GET /v1/accounts/me HTTP/1.1\r\nConnection: close\r\n\r\n"), 400);
    }

    /** The problem body of a response that must have {@code status}, checked for the fields RFC 9457 asks. */
    private static JsonObject problemOf(String response, int status) {
        assertTrue(response.startsWith("HTTP/1.1 " + status + " "), response);
        assertTrue(response.toLowerCase().contains("content-type: application/problem+json"), response);
        JsonObject problem = new JsonObject(response.substring(response.indexOf("\r\n\r\n") + 4));
        assertEquals(status, problem.getInteger("status"), response);
        assertTrue(problem.getString("title") != null && !problem.getString("detail").isBlank(), response);
        return problem;
    }

    /** Writes {@code request} and reads until the server closes the connection. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout((int) Duration.ofSeconds(10).toMillis());
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (SocketException closedEarly) {
                // the server may answer and close before it has read all of an over-large request
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream read = new ByteArrayOutputStream();
            in.transferTo(read);
            return read.toString(StandardCharsets.UTF_8);
        }
    }
}
