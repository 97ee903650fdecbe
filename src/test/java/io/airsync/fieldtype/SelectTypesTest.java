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
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SingleSelectType and MultipleSelectsType. */
class SelectTypesTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    final SingleSelectType single = new SingleSelectType();
    final MultipleSelectsType multiple = new MultipleSelectsType();

    @Test
    void aSingleSelectIsOneTrimmedLine() {
        assertEquals("Chef's Table", single.convert(" Chef's\nTable ", Field.PLAIN, UTC).value());
        assertEquals("3", single.convert(3, Field.PLAIN, UTC).value());
        assertTrue(assertThrows(Rejected.class, () -> single.convert(List.of("a", "b"), Field.PLAIN, UTC)).getMessage()
                .contains("use type multipleSelects"));
        assertEquals("Communal", single.canonical(Map.of("id", "selX", "name", "Communal"), UTC));
    }

    @Test
    void multipleSelectsDropBlanksAndDuplicatesAndTheirOrderIsNotAChange() {
        assertEquals(List.of("Wine", "Cooking"),
                multiple.convert(Arrays.asList(" Wine", "", null, "Cooking", "Wine "), Field.PLAIN, UTC).value());
        assertEquals(List.of("Solo"), multiple.convert("Solo", Field.PLAIN, UTC).value());
        assertEquals(multiple.canonical(List.of("b", "a"), UTC), multiple.canonical(List.of("a", "b", "a"), UTC));
        assertNull(multiple.canonical(List.of(), UTC));
        assertThrows(Rejected.class, () -> multiple.convert(List.of(Map.of("x", 1)), Field.PLAIN, UTC));
    }

    @Test
    void theChoicesComeFromTheSchemaOptions() {
        Map<String, Object> options = Map.of("choices", List.of(Map.of("id", "sel1", "name", "Wine"),
                Map.of("id", "sel2", "name", "Cooking")));
        assertEquals(Optional.of(Set.of("Wine", "Cooking")), multiple.choices(options));
        assertEquals(Optional.of(Set.of("Wine", "Cooking")), single.choices(options));
        assertEquals(Optional.empty(), single.choices(null));
    }

    @Test
    void whatSelectsTakeAndTheOptionsKey() {
        assertEquals(Set.of(ValueShape.CHOICE, ValueShape.TEXT), single.accepts(), "text written onto a select fits");
        assertEquals(Set.of(ValueShape.CHOICES), multiple.accepts());
        assertEquals(Set.of(MappingOption.OPTIONS), single.mappingOptions());
        assertEquals(Set.of(MappingOption.OPTIONS), multiple.mappingOptions());
        assertTrue(single.canBeNaturalKey());
        assertFalse(multiple.canBeNaturalKey());
        assertFalse(single.canHoldKey());
    }
}
