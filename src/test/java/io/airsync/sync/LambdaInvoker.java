package io.airsync.sync;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.ConfigProvider;

/** Posts an event to the Lambda mock event server of the Quarkus test runtime, exactly as Lambda would deliver it. */
public final class LambdaInvoker {

    private LambdaInvoker() {
    }

    /** The mock event server listens on a free port (test-port=0): Quarkus publishes where. */
    public static String url() {
        String api = ConfigProvider.getConfig().getValue("quarkus-internal.aws-lambda.test-api", String.class);
        return "http://" + api + "/_lambda_";
    }

    public static JsonPath invoke(String eventJson) {
        return given().contentType("application/json").body(eventJson)
                .when().post(url())
                .then().statusCode(200)
                .extract().jsonPath();
    }

    /**
     * An invocation the function fails (the handler threw): the mock event server answers 500 with the error Lambda
     * would record ({@code errorType}, {@code errorMessage}).
     */
    public static JsonPath invokeFailing(String eventJson) {
        return given().contentType("application/json").body(eventJson)
                .when().post(url())
                .then().statusCode(500)
                .extract().jsonPath();
    }
}
