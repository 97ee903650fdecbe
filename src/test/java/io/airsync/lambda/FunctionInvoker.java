package io.airsync.lambda;

import io.airsync.testing.lambda.LambdaRuntimeApiResource;
import io.airsync.testing.lambda.LambdaRuntimeApiResource.Answer;
import io.restassured.path.json.JsonPath;

/**
 * Queues an event at the application's own Lambda Runtime API ({@link LambdaRuntimeApiResource}): Quarkus' runtime
 * loop picks it up and hands the raw bytes to the handler exactly as Lambda's runtime does. The answer is given as
 * the mock event server used to (and Lambda's Invoke API does): 200 with the response, or 500 with the function's
 * error body.
 */
final class FunctionInvoker {

    private FunctionInvoker() {
    }

    /** The function's response to {@code payload}, sent as-is (it need not be valid JSON). */
    static Invocation invoke(String payload) {
        Answer answer = LambdaRuntimeApiResource.invoke(payload);
        return new Invocation(answer.succeeded() ? 200 : 500, answer.body());
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
