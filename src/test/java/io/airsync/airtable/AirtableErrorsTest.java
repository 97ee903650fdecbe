package io.airsync.airtable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every error-body shape Airtable uses, and bodies that are not Airtable's at all. */
class AirtableErrorsTest {

    @Test
    void typeAndMessageObject() {
        AirtableException e = AirtableErrors.fromResponse(422,
                "{\"error\":{\"type\":\"INVALID_VALUE_FOR_COLUMN\",\"message\":\"Field \\\"f_autoNumber\\\" cannot accept a value because the field is computed\"}}");
        assertInstanceOf(AirtableValidationException.class, e);
        assertEquals(422, e.status());
        assertEquals("INVALID_VALUE_FOR_COLUMN", e.type());
        assertEquals("Field \"f_autoNumber\" cannot accept a value because the field is computed", e.airtableMessage());
        assertEquals("422 INVALID_VALUE_FOR_COLUMN: Field \"f_autoNumber\" cannot accept a value because the field is computed",
                e.getMessage());
    }

    @Test
    void bareStringError() {
        AirtableException e = AirtableErrors.fromResponse(404, "{\"error\":\"NOT_FOUND\"}");
        assertInstanceOf(AirtableNotFoundException.class, e);
        assertEquals("NOT_FOUND", e.type());
        assertEquals("", e.airtableMessage());
        assertEquals("404 NOT_FOUND", e.getMessage());
    }

    @Test
    void typeWithoutMessage() {
        AirtableException e = AirtableErrors.fromResponse(404, "{\"error\":{\"type\":\"NOT_FOUND\"}}");
        assertInstanceOf(AirtableNotFoundException.class, e);
        assertEquals("NOT_FOUND", e.type());
    }

    @Test
    void errorsArrayOfRateLimit() {
        AirtableException e = AirtableErrors.fromResponse(429,
                "{\"errors\":[{\"error\":\"RATE_LIMIT_REACHED\",\"message\":\"Rate limit exceeded. Please try again later\"}]}");
        assertInstanceOf(AirtableRateLimitException.class, e);
        assertEquals("RATE_LIMIT_REACHED", e.type());
        assertEquals("Rate limit exceeded. Please try again later", e.airtableMessage());
    }

    @Test
    void nonJsonBodies() {
        AirtableException html = AirtableErrors.fromResponse(502, "<html>\n<body>502 Bad Gateway</body>\n</html>");
        assertInstanceOf(AirtableServerException.class, html);
        assertEquals("HTTP_502", html.type());
        assertEquals("<html> <body>502 Bad Gateway</body> </html>", html.airtableMessage());

        AirtableException empty = AirtableErrors.fromResponse(503, "");
        assertInstanceOf(AirtableServerException.class, empty);
        assertEquals("HTTP_503", empty.type());

        AirtableException longBody = AirtableErrors.fromResponse(500, "x".repeat(5000));
        assertTrue(longBody.airtableMessage().length() < 400, "raw bodies are cut short");

        AirtableException otherJson = AirtableErrors.fromResponse(400, "[1,2]");
        assertEquals(AirtableException.class, otherJson.getClass());
        assertEquals("HTTP_400", otherJson.type());
    }

    @Test
    void statusPicksTheClass() {
        assertInstanceOf(AirtableAuthException.class, AirtableErrors.fromResponse(401,
                "{\"error\":{\"type\":\"AUTHENTICATION_REQUIRED\",\"message\":\"Authentication required\"}}"));
        assertInstanceOf(AirtableAuthException.class, AirtableErrors.fromResponse(403,
                "{\"error\":{\"type\":\"INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND\",\"message\":\"...\"}}"));
        assertInstanceOf(AirtableServerException.class, AirtableErrors.exception(503, "SERVICE_UNAVAILABLE", null, null, null));
        assertInstanceOf(AirtableTransportException.class, AirtableErrors.exception(0, "TIMEOUT", "read timed out", null, null));
        assertEquals(AirtableException.class, AirtableErrors.exception(413, "HTTP_413", null, null, null).getClass());
    }

    @Test
    void requestContextAndRedaction() {
        AirtableException e = AirtableErrors.withRequest(
                AirtableErrors.fromResponse(422, "{\"error\":{\"type\":\"UNKNOWN_FIELD_NAME\",\"message\":\"Unknown field name: \\\"Nme\\\"\"}}"),
                "upsert into table 'Users' (records 1-10 of 12)");
        assertInstanceOf(AirtableValidationException.class, e);
        assertEquals("upsert into table 'Users' (records 1-10 of 12): 422 UNKNOWN_FIELD_NAME: Unknown field name: \"Nme\"",
                e.getMessage());
        assertEquals("Unknown field name: \"Nme\"", e.airtableMessage());

        String token = "patSECRET.0123456789";
        AirtableException leaky = AirtableErrors.fromResponse(500, "proxy echoed Authorization: Bearer " + token);
        AirtableException clean = AirtableErrors.redact(leaky, token);
        assertInstanceOf(AirtableServerException.class, clean);
        assertFalse(clean.getMessage().contains(token));
        assertTrue(clean.getMessage().contains("Bearer [token]"));
        assertEquals(e, AirtableErrors.redact(e, token), "nothing to redact: same exception");
    }
}
