package io.airsync.testing.airtable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answer of the emulated API: HTTP status plus the JSON body Airtable sends for it. Thrown anywhere in
 * request handling; the router turns it into the response. Bodies follow the recorded real responses.
 */
final class ApiError extends RuntimeException {
    final int status;
    final transient Object body;

    private ApiError(int status, Object body, String description) {
        super(description, null, false, false);
        this.status = status;
        this.body = body;
    }

    /** {@code {"error":{"type":TYPE,"message":MESSAGE}}} (message omitted when null). */
    static ApiError typed(int status, String type, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", type);
        if (message != null) {
            error.put("message", message);
        }
        return new ApiError(status, Map.of("error", error), type + ": " + message);
    }

    /** {@code {"error":"NOT_FOUND"}}: the real answer for unknown routes, unknown bases and malformed record ids. */
    static ApiError notFound() {
        return new ApiError(404, Map.of("error", "NOT_FOUND"), "NOT_FOUND");
    }

    static ApiError authenticationRequired() {
        return typed(401, "AUTHENTICATION_REQUIRED", "Authentication required");
    }

    static ApiError tableNotFound(String table, String baseId) {
        return typed(404, "TABLE_NOT_FOUND", "Could not find table " + table + " in application " + baseId);
    }

    /**
     * What a personal access token gets for an unknown table, a base it was not granted (or that does not exist) and
     * a scope it lacks: one answer for all, so that a token cannot probe what exists.
     */
    static ApiError invalidPermissions() {
        return typed(403, "INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND",
                "Invalid permissions, or the requested model was not found. Check that both your user and your token"
                        + " have the required permissions, and that the model names and/or ids are correct.");
    }

    /** The workspace's plan has spent its API calls for the month. */
    static ApiError billingLimitExceeded() {
        return typed(429, "PUBLIC_API_BILLING_LIMIT_EXCEEDED",
                "The API call limit of this workspace's billing plan has been reached for the month.");
    }

    /** A request body over Airtable's size limit. */
    static ApiError requestTooLarge() {
        return forStatus(413);
    }

    static ApiError recordNotFound() {
        return typed(404, "MODEL_ID_NOT_FOUND", "Record not found");
    }

    static ApiError unknownField(String name) {
        return typed(422, "UNKNOWN_FIELD_NAME", "Unknown field name: \"" + name + "\"");
    }

    static ApiError invalidValue(String field) {
        return typed(422, "INVALID_VALUE_FOR_COLUMN", "Field \"" + field + "\" cannot accept the provided value");
    }

    static ApiError invalidValue(String field, String detail) {
        return typed(422, "INVALID_VALUE_FOR_COLUMN", "Field \"" + field + "\" cannot accept the provided value: " + detail);
    }

    static ApiError computedField(String field) {
        return typed(422, "INVALID_VALUE_FOR_COLUMN",
                "Field \"" + field + "\" cannot accept a value because the field is computed");
    }

    static ApiError invalidRequest() {
        return typed(422, "INVALID_REQUEST_UNKNOWN", "Invalid request: parameter validation failed. Check your request data.");
    }

    static ApiError invalidRequest(String detail) {
        return typed(422, "INVALID_REQUEST_UNKNOWN", "Invalid request: parameter validation failed. Check your request data. (" + detail + ")");
    }

    static ApiError missingField(String field) {
        return typed(422, "INVALID_REQUEST_MISSING_FIELDS", "Could not find field \"" + field + "\" in the request body");
    }

    static ApiError invalidRecords(String message) {
        return typed(422, "INVALID_RECORDS", message);
    }

    static ApiError invalidFormula(String detail) {
        return typed(422, "INVALID_FILTER_BY_FORMULA", "The formula for filtering records is invalid: " + detail);
    }

    static ApiError rateLimited() {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", "RATE_LIMIT_REACHED");
        error.put("message", "Rate limit exceeded. Please try again later");
        return new ApiError(429, Map.of("errors", List.of(error)), "RATE_LIMIT_REACHED");
    }

    /** The body an injected failure with this status answers with (types as the Airtable.js client names them). */
    static ApiError forStatus(int status) {
        return switch (status) {
            case 400 -> typed(400, "INVALID_REQUEST_BODY", "Could not parse request body");
            case 401 -> authenticationRequired();
            case 403 -> invalidPermissions();
            case 404 -> notFound();
            case 413 -> typed(413, "REQUEST_TOO_LARGE", "Request body is too large");
            case 422 -> invalidRequest();
            case 429 -> rateLimited();
            case 500 -> typed(500, "SERVER_ERROR", "Try again. If the problem persists, contact support.");
            case 502 -> typed(502, "BAD_GATEWAY", "The service is temporarily unavailable. Please retry shortly.");
            case 503 -> typed(503, "SERVICE_UNAVAILABLE", "The service is temporarily unavailable. Please retry shortly.");
            case 504 -> typed(504, "GATEWAY_TIMEOUT", "The server did not answer in time. Please retry shortly.");
            default -> typed(status, "UNEXPECTED_ERROR", "An unexpected error occurred");
        };
    }
}
