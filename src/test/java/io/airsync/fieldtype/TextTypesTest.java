package io.airsync.fieldtype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** SingleLineTextType, MultilineTextType, EmailType, PhoneNumberType, UrlType. */
class TextTypesTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    final SingleLineTextType line = new SingleLineTextType();
    final MultilineTextType lines = new MultilineTextType();
    final EmailType email = new EmailType();
    final PhoneNumberType phone = new PhoneNumberType();
    final UrlType url = new UrlType();

    @Test
    void singleLineTextPutsEverythingOnOneTrimmedLine() {
        assertEquals("first second third", line.convert("  first\nsecond\r\nthird\u0000 ", Field.PLAIN, UTC).value());
        assertEquals("a b", line.canonical(" a\nb ", UTC));
        assertNull(line.canonical("   ", UTC));
    }

    @Test
    void multilineTextKeepsItsLinesAndOnlyTrailingWhitespaceIsNotAChange() {
        ConvertedValue v = lines.convert("a\u0000b\r\nc", Field.PLAIN, UTC);
        assertEquals("ab\nc", v.value());
        assertTrue(v.controlCharactersRemoved());
        assertEquals(lines.canonical("x\n", UTC), lines.canonical("x", UTC));
        assertEquals("  x", lines.canonical("  x", UTC), "leading whitespace is content");
        assertTrue(lines.convert(" \n ", Field.PLAIN, UTC).isOk());
        assertNull(lines.convert(" \n ", Field.PLAIN, UTC).value(), "blank clears the cell");
    }

    @Test
    void theOtherTextTypesAreTrimmedButKeepInnerNewlines() {
        for (TextFieldType t : List.of(email, phone, url)) {
            assertEquals("a\nb", t.convert(" a\nb ", Field.PLAIN, UTC).value(), t.airtableName());
            assertEquals("a b", t.canonical("a\nb", UTC), t.airtableName());
        }
    }

    @Test
    void scalarsAreWrittenAsTextAndArraysJoinedWithTheSeparator() {
        ObjectId id = new ObjectId();
        assertEquals(id.toHexString(), line.convert(id, Field.PLAIN, UTC).value());
        assertEquals("12.5", line.convert(12.50, Field.PLAIN, UTC).value());
        assertEquals("true", line.convert(true, Field.PLAIN, UTC).value());
        assertEquals("a | b", line.convert(Arrays.asList("a", " ", null, "b"), new Field("F", null, " | ", false), UTC)
                .value());
        assertThrows(Rejected.class, () -> line.convert(Map.of("k", 1), Field.PLAIN, UTC));
        assertThrows(Rejected.class, () -> line.convert(List.of(List.of("x")), Field.PLAIN, UTC));
    }

    @Test
    void textIsCutAtAirtablesLimit() {
        ConvertedValue cut = lines.convert("x".repeat(100_002), Field.PLAIN, UTC);
        assertEquals(100_000, ((String) cut.value()).length());
        assertTrue(cut.truncated());
    }

    @Test
    void textFieldsTakeTextAndSingleChoicesHoldTheKeyAndTakeASeparator() {
        for (TextFieldType t : List.of(line, lines, email, phone, url)) {
            assertEquals(ValueShape.TEXT, t.writes());
            assertEquals(Set.of(ValueShape.TEXT, ValueShape.CHOICE), t.accepts());
            assertTrue(t.canHoldKey());
            assertTrue(t.canBeNaturalKey());
            assertEquals(Set.of(MappingOption.SEPARATOR), t.mappingOptions());
            assertTrue(t.choices(Map.of("choices", List.of(Map.of("name", "a")))).isEmpty());
            assertFalse(t.computed());
        }
    }

    @Test
    void eMailPhoneAndUrlKnowTheirShapePlainTextHasNone() {
        assertTrue(email.textShape().orElseThrow().matches(" ana@example.com "));
        assertFalse(email.textShape().orElseThrow().matches("ana at example dot com"));
        assertTrue(phone.textShape().orElseThrow().matches("+1 (555) 010-4477 ext. 12"));
        assertFalse(phone.textShape().orElseThrow().matches("1234"), "too few digits");
        assertTrue(url.textShape().orElseThrow().matches("example.org/menu?day=1"));
        assertFalse(url.textShape().orElseThrow().matches("not a url"));
        assertEquals("e-mail addresses", email.textShape().orElseThrow().plural());
        assertEquals("a phone number", phone.textShape().orElseThrow().singular());
        assertTrue(line.textShape().isEmpty() && lines.textShape().isEmpty(), "any text will do");
    }
}
