package io.airsync.lambda;

import static io.restassured.RestAssured.given;

import io.airsync.sync.LambdaInvoker;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Posts an event to the Lambda mock event server of the Quarkus test runtime (on the free port
 * {@link LambdaInvoker#url()} finds): Quarkus' runtime loop picks it up and
 * hands the raw bytes to the handler exactly as Lambda's runtime does, and the HTTP response is the function's.
 */
final class FunctionInvoker {

    private FunctionInvoker() {
    }

    /** The function's response to {@code payload}, sent as-is (it need not be valid JSON). */
    static Invocation invoke(String payload) {
        Response response = given().contentType("application/json").body(payload).when().post(LambdaInvoker.url());
        return new Invocation(response.statusCode(), response.asString());
    }

    record Invocation(int httpStatus, String body) {
        /** The body as a summary; fails unless the function answered normally (200). */
        JsonPath summary() {
            if (httpStatus != 200) {
                throw new AssertionError("the function failed (HTTP " + httpStatus + "): " + body);
            }
            return JsonPath.from(body);
        }
    }
}
