package io.airsync.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.mapping.TableMapping;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a record carrying a value that is not yet a choice becomes, by the field's options policy. */
class SelectChoicesTest {

    final TableMapping people = SchemaGateTest.MAPPING.table("People").orElseThrow();

    SelectChoices choices() {
        return new SelectChoices(people, SchemaGateTest.people(SchemaGateTest.base(Map.of(), Map.of())));
    }

    @Test
    void knownChoicesGoAsUsual() {
        assertInstanceOf(SelectChoices.Known.class, choices().check("1", Map.of("Level", "Gold", "Tags", List.of("a"),
                "Name", "Zed")));
    }

    @Test
    void aNewChoiceOfACreateFieldIsSentWithTypecastAndReportedOnceWritten() {
        SelectChoices c = choices();
        SelectChoices.Verdict v = c.check("1", Map.of("Level", "Platinum"));
        assertEquals(new SelectChoices.Create(List.of(new SelectChoices.NewOption("Level", "Platinum"))), v);
        assertInstanceOf(SelectChoices.Create.class, c.check("2", Map.of("Level", "Platinum")), "not created yet");
        assertEquals(List.of(new SelectChoices.NewOption("Level", "Platinum")), c.written("1"));
        assertEquals(List.of(), c.written("2"), "reported once");
        assertInstanceOf(SelectChoices.Known.class, c.check("3", Map.of("Level", "Platinum")), "a choice now");
    }

    @Test
    void aNewChoiceOfARejectFieldFailsTheRecordBeforeItIsSent() {
        SelectChoices.Verdict v = choices().check("1", Map.of("Tags", List.of("a", "zz")));
        SelectChoices.Reject r = assertInstanceOf(SelectChoices.Reject.class, v);
        assertEquals("Tags", r.field());
        assertEquals(SelectChoices.RejectKind.SELECT_OPTION_MISSING, r.kind());
        assertEquals("'zz' is not an option of this field in Airtable (removed or renamed?); the record is not sent",
                r.message());
    }

    @Test
    void onceAirtableRefusesToCreateChoicesLaterRecordsNeedingOneFailUnsent() {
        SelectChoices c = choices();
        c.check("1", Map.of("Level", "Platinum"));
        c.check("2", Map.of("Level", "Bronze"));
        String refusal = "Insufficient permissions to create new select option \"\"Platinum\"\"";
        assertTrue(c.failed("1", "INVALID_MULTIPLE_CHOICE_OPTIONS", refusal), "first refusal: advise");
        assertFalse(c.failed("2", "INVALID_MULTIPLE_CHOICE_OPTIONS", refusal), "advised once");
        SelectChoices.Reject r = assertInstanceOf(SelectChoices.Reject.class, c.check("3", Map.of("Level", "Copper")));
        assertEquals(SelectChoices.RejectKind.INVALID_MULTIPLE_CHOICE_OPTIONS, r.kind());
        assertTrue(r.message().contains("Airtable refused to create options") && r.message().contains(refusal),
                r.message());
        assertInstanceOf(SelectChoices.Known.class, c.check("4", Map.of("Level", "Gold")), "known choices still go");
        assertTrue(SelectChoices.refusalAdvice("People").contains("give the token's owner creator permission"));
    }

    @Test
    void otherFailuresAreNotRefusals() {
        SelectChoices c = choices();
        c.check("1", Map.of("Level", "Platinum"));
        assertFalse(c.failed("1", "INVALID_VALUE_FOR_COLUMN", "no"));
        assertInstanceOf(SelectChoices.Create.class, c.check("2", Map.of("Level", "Platinum")));
    }
}
