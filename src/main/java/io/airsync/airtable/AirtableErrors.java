package io.airsync.airtable;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * Turns Airtable error answers into typed {@link AirtableException}s. Airtable answers errors in several shapes:
 * <ul>
 *   <li>{@code {"error":{"type":"INVALID_VALUE_FOR_COLUMN","message":"..."}}} (most errors)</li>
 *   <li>{@code {"error":{"type":"NOT_FOUND"}}} (no message)</li>
 *   <li>{@code {"error":"NOT_FOUND"}} (a bare string)</li>
 *   <li>{@code {"errors":[{"error":"RATE_LIMIT_REACHED","message":"..."}]}} (rate limit)</li>
 *   <li>anything else, e.g. an HTML page from a proxy: type {@code HTTP_<status>}, message = start of the body</li>
 * </ul>
 */
public final class AirtableErrors {
    /** The per-second rate limit's type: the only 429 that waiting out a penalty cures. */
    public static final String RATE_LIMIT_REACHED = "RATE_LIMIT_REACHED";
    /** The workspace's monthly API calls are spent. */
    public static final String BILLING_LIMIT_EXCEEDED = "PUBLIC_API_BILLING_LIMIT_EXCEEDED";

    /** How much of a non-JSON body goes into a message. */
    private static final int MAX_RAW_BODY_IN_MESSAGE = 300;

    private AirtableErrors() {
    }

    /** Airtable's error type for a listing offset it forgot. */
    public static final String ITERATOR_NOT_AVAILABLE = "LIST_RECORDS_ITERATOR_NOT_AVAILABLE";

    /** Airtable forgot a listing's offset ({@value #ITERATOR_NOT_AVAILABLE}): the listing must start again. */
    public static boolean iteratorExpired(AirtableException e) {
        return e != null && e.status() == 422 && (ITERATOR_NOT_AVAILABLE.equals(e.type())
                || e.airtableMessage().contains(ITERATOR_NOT_AVAILABLE));
    }

    /** The typed exception for an error answer with this status and body. */
    public static AirtableException fromResponse(int status, String body) {
        String type = null;
        String message = null;
        boolean json = false;
        if (body != null && !body.isBlank()) {
            try {
                JsonNode root = AirtableJson.MAPPER.readTree(body);
                if (root != null && root.isObject()) {
                    json = true;
                    JsonNode error = root.get("error");
                    if (error != null && error.isTextual()) {
                        type = error.asText();
                    } else if (error != null && error.isObject()) {
                        type = text(error, "type");
                        message = text(error, "message");
                    }
                    JsonNode errors = root.get("errors");
                    if (type == null && errors != null && errors.isArray() && !errors.isEmpty()) {
                        JsonNode first = errors.get(0);
                        type = first.isTextual() ? first.asText() : firstNonNull(text(first, "error"), text(first, "type"));
                        message = text(first, "message");
                    }
                }
            } catch (IOException notJson) {
                json = false;
            }
        }
        if (type == null) {
            type = "HTTP_" + status;
        }
        if (message == null && !json && body != null) {
            message = abbreviate(body);
        }
        return exception(status, type, message, null, null);
    }

    /** The AirtableException subclass that goes with the status. */
    public static AirtableException exception(int status, String type, String message, String request, Throwable cause) {
        if (status == 0) {
            return new AirtableTransportException(status, type, message, request, cause);
        } else if (status == 429 && RATE_LIMIT_REACHED.equals(type)) {
            return new AirtableRateLimitException(status, type, message, request, cause);
        } else if (status == 429) {
            // PUBLIC_API_BILLING_LIMIT_EXCEEDED, or any 429 that is not the per-second limit: waiting does not help.
            return new AirtableBillingLimitException(status, type, message, request, cause);
        } else if (status == 401 || status == 403) {
            return new AirtableAuthException(status, type, message, request, cause);
        } else if (status == 404) {
            return new AirtableNotFoundException(status, type, message, request, cause);
        } else if (status == 422) {
            return new AirtableValidationException(status, type, message, request, cause);
        } else if (status >= 500) {
            return new AirtableServerException(status, type, message, request, cause);
        }
        return new AirtableException(status, type, message, request, cause);
    }

    /** The same error, of the same class, with what we were doing attached (the original becomes the cause). */
    static AirtableException withRequest(AirtableException e, String request) {
        return exception(e.status(), e.type(), e.airtableMessage(), request, e.getCause() != null ? e.getCause() : e);
    }

    /** The same error, of the same class, with the likely cause appended to Airtable's message. */
    static AirtableException explained(AirtableException e, String likelyCause) {
        String message = e.airtableMessage().isEmpty() ? "likely cause: " + likelyCause
                : e.airtableMessage() + " Likely cause: " + likelyCause;
        return exception(e.status(), e.type(), message, e.request(), e.getCause() != null ? e.getCause() : e);
    }

    /**
     * Belt and braces: Airtable never echoes the token, and we never put it in a message, but if some proxy or
     * library did, it must not travel further in a message. Replaces the exception if its message (or its cause's)
     * holds the token.
     */
    static AirtableException redact(AirtableException e, String token) {
        if (token == null || token.isEmpty() || !mentions(e, token)) {
            return e;
        }
        String message = e.airtableMessage().replace(token, "[token]");
        String request = e.request() == null ? null : e.request().replace(token, "[token]");
        return exception(e.status(), e.type(), message, request, null);
    }

    private static boolean mentions(Throwable e, String token) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(token)) {
                return true;
            }
        }
        return false;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String abbreviate(String body) {
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_RAW_BODY_IN_MESSAGE ? flat : flat.substring(0, MAX_RAW_BODY_IN_MESSAGE) + "...";
    }
}
