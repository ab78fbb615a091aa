package dev.chat.stack.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chat.stack.tls.InternalCertificates;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLException;

/**
 * Proves, for every path under {@code /internal} that a service documents in its OpenAPI, who may
 * call it: only the allowed caller's certificate reaches the endpoint; a certificate of another
 * service of the suite gets 403; a call without a certificate, or with one from another authority,
 * is refused in the TLS handshake; the public port answers 404. New endpoints are covered as they
 * are documented, since the list comes from the running service.
 */
public final class InternalApiAccess {

    private InternalApiAccess() {
    }

    /** One documented operation: its method and its path with every parameter filled in. */
    public record Operation(String method, String path) {
    }

    /** Asserts the rules above for every internal operation documented at {@code openapi}. */
    public static List<Operation> assertOnlyCallerGetsThrough(URL openapi, String caller, String otherService) {
        List<Operation> operations = internalOperations(openapi);
        assertFalse(operations.isEmpty(), "the service documents no internal operation");
        Path trusted = InternalCertificates.directoryOf(InternalApi.certificates(), caller).resolve("ca.crt");
        Path stranger = strangerCertificate(caller);
        for (Operation operation : operations) {
            int allowed = call(InternalApi.as(caller), operation).statusCode();
            assertNotEquals(403, allowed, caller + " was refused " + operation);
            call(InternalApi.as(otherService), operation).then().statusCode(403)
                    .contentType("application/problem+json").body("status", equalTo(403));
            assertRefusedInTheHandshake(InternalApi.with(InternalCertificates.sslContext(null, trusted)), operation,
                    "without a certificate");
            assertRefusedInTheHandshake(InternalApi.with(InternalCertificates.sslContext(stranger, trusted)), operation,
                    "with another authority's certificate");
            call(given(), operation).then().statusCode(404).contentType("application/problem+json");
        }
        return operations;
    }

    /** Every method and path under /internal in the OpenAPI document, parameters filled with UUIDs. */
    @SuppressWarnings("unchecked")
    public static List<Operation> internalOperations(URL openapi) {
        Response document = given().accept(ContentType.JSON).get(openapi);
        assertEquals(200, document.statusCode(), "GET " + openapi);
        Map<String, Map<String, Object>> paths = document.jsonPath().getMap("paths");
        List<Operation> operations = new ArrayList<>();
        paths.forEach((path, methods) -> {
            if (path.startsWith("/internal")) {
                String filled = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                methods.keySet().forEach(method -> operations.add(new Operation(method.toUpperCase(), filled)));
            }
        });
        return operations;
    }

    private static Response call(RequestSpecification request, Operation operation) {
        return request.contentType(ContentType.JSON).body("{}").request(operation.method(), operation.path());
    }

    private static void assertRefusedInTheHandshake(RequestSpecification request, Operation operation, String how) {
        Exception refused = assertThrows(Exception.class, () -> call(request, operation),
                operation + " answered " + how);
        boolean tls = false;
        for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
            tls |= cause instanceof SSLException || cause instanceof SocketException;
        }
        assertTrue(tls, operation + " " + how + " failed otherwise than in TLS: " + refused);
    }

    /** A certificate named {@code name} from an authority the services do not trust. */
    private static Path strangerCertificate(String name) {
        try {
            Path root = Files.createTempDirectory("stranger-ca");
            return InternalCertificates.directoryOf(InternalCertificates.issue(root, "a stranger's CA", List.of(name)), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
