package io.airsync.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.airsync.airtable.AirtableErrors;
import io.airsync.airtable.AirtableException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which field a 422 is about, from Airtable's message and the fields the rejected record was sent with. */
class TableWriterFieldOfTest {

    static final Map<String, Object> SENT = Map.of("Mongo ID", "65a0", "Role", "Pirate King",
            "Interests", List.of("Wine", "Knitting"), "Email", "ana@example.com");

    private static AirtableException rejected(String type, String message) {
        return AirtableErrors.exception(422, type, message, "upsert into Users", null);
    }

    @Test
    void aFieldAirtableNamesIsTaken() {
        assertEquals("Price", TableWriter.fieldOf(rejected("INVALID_VALUE_FOR_COLUMN",
                "Field \"Price\" cannot accept the provided value"), SENT));
        assertEquals("Foo", TableWriter.fieldOf(rejected("UNKNOWN_FIELD_NAME", "Unknown field name: \"Foo\""),
                Map.of("Foo", 1)));
    }

    @Test
    void aQuotedSelectOptionNamesTheFieldThatHoldsIt() {
        assertEquals("Role", TableWriter.fieldOf(rejected("INVALID_MULTIPLE_CHOICE_OPTIONS",
                "Insufficient permissions to create new select option \"\"Pirate King\"\""), SENT));
        assertEquals("Interests", TableWriter.fieldOf(rejected("INVALID_MULTIPLE_CHOICE_OPTIONS",
                "Insufficient permissions to create new select option \"\"Knitting\"\""), SENT));
    }

    @Test
    void aRecordIdThatNoLongerExistsNamesTheLinkFieldHoldingIt() {
        Map<String, Object> message = Map.of("User", List.of("recAAAAAAAAAAAAAA"), "Event", List.of("recBBBBBBBBBBBBBB"));
        assertEquals("Event", TableWriter.fieldOf(rejected("ROW_DOES_NOT_EXIST",
                "Record ID recBBBBBBBBBBBBBB does not exist"), message));
    }

    @Test
    void nothingToGoByIsNoField() {
        assertNull(TableWriter.fieldOf(rejected("INVALID_MULTIPLE_CHOICE_OPTIONS",
                "Insufficient permissions to create new select option \"\"Lost\"\""), SENT));
        assertNull(TableWriter.fieldOf(rejected("INVALID_REQUEST_UNKNOWN", "Invalid request"), SENT));
        assertNull(TableWriter.fieldOf(rejected("INVALID_REQUEST_UNKNOWN", null), SENT));
    }
}
