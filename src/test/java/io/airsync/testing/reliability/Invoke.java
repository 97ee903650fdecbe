package io.airsync.testing.reliability;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Posts an event to the Quarkus test runtime's Lambda mock event server, as Lambda would deliver it, on the port the
 * test configuration gives it ({@code quarkus.lambda.mock-event-server.test-port}, default 8081).
 */
public final class Invoke {

    private Invoke() {
    }

    public static int port() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.lambda.mock-event-server.test-port", Integer.class)
                .orElse(8081);
    }

    /** The summary the function answered (HTTP 200 from the mock event server). */
    public static JsonPath lambda(String eventJson) {
        return given().contentType("application/json").body(eventJson)
                .when().post("http://localhost:" + port() + "/_lambda_")
                .then().statusCode(200)
                .extract().jsonPath();
    }
}
