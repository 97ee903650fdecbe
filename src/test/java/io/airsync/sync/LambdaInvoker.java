package io.airsync.sync;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;

/** Posts an event to the Lambda mock event server of the Quarkus test runtime, exactly as Lambda would deliver it. */
public final class LambdaInvoker {

    private LambdaInvoker() {
    }

    public static JsonPath invoke(String eventJson) {
        return given().contentType("application/json").body(eventJson)
                .when().post("http://localhost:8081/_lambda_")
                .then().statusCode(200)
                .extract().jsonPath();
    }
}
