package dev.chat.stack.testing;

import static io.restassured.RestAssured.given;

import java.util.List;

/** Where health, metrics and OpenAPI are served: on the management port only (docs/security.md). */
public final class ManagementPort {

    private static final List<String> ENDPOINTS = List.of("/q/openapi", "/q/metrics", "/q/health/ready");

    private ManagementPort() {
    }

    /** The service under test answers 404 on its public port for every management endpoint. */
    public static void assertNotServedOnThePublicPort() {
        for (String path : ENDPOINTS) {
            given().get(path).then().statusCode(404);
        }
    }
}
