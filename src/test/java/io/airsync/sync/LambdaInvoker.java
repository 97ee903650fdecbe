package io.airsync.sync;

import io.airsync.testing.lambda.LambdaRuntimeApiResource;
import io.airsync.testing.lambda.LambdaRuntimeApiResource.Answer;
import io.restassured.path.json.JsonPath;

/**
 * Invokes the function of the running {@code @QuarkusTest} application exactly as Lambda delivers an event: through
 * the application's own Lambda Runtime API ({@link LambdaRuntimeApiResource}), which Quarkus' runtime loop polls.
 */
public final class LambdaInvoker {

    private LambdaInvoker() {
    }

    /** The function's response (a summary); fails unless the function answered normally. */
    public static JsonPath invoke(String eventJson) {
        Answer answer = LambdaRuntimeApiResource.invoke(eventJson);
        if (!answer.succeeded()) {
            throw new AssertionError("the function failed: " + answer.body());
        }
        return JsonPath.from(answer.body());
    }

    /**
     * An invocation the function fails (the handler threw): the error Lambda records ({@code errorType},
     * {@code errorMessage}); fails if the function answered normally.
     */
    public static JsonPath invokeFailing(String eventJson) {
        Answer answer = LambdaRuntimeApiResource.invoke(eventJson);
        if (answer.succeeded()) {
            throw new AssertionError("the function answered normally where it should fail: " + answer.body());
        }
        return JsonPath.from(answer.body());
    }
}
