package io.airsync.fieldtype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckboxTypeTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    final CheckboxType checkbox = new CheckboxType();

    @Test
    void booleansTrueFalseStringsAndOneZeroAreRead() {
        assertEquals(true, checkbox.convert(" TRUE ", Field.PLAIN, UTC).value());
        assertEquals(false, checkbox.convert(0, Field.PLAIN, UTC).value());
        assertEquals(true, checkbox.convert(1L, Field.PLAIN, UTC).value());
        assertNull(checkbox.convert("", Field.PLAIN, UTC).value());
        assertThrows(Rejected.class, () -> checkbox.convert(2, Field.PLAIN, UTC));
        assertThrows(Rejected.class, () -> checkbox.convert("yes", Field.PLAIN, UTC));
    }

    @Test
    void anUntickedBoxIsEmptyAsAirtableAnswersIt() {
        assertEquals("true", checkbox.canonical(true, UTC));
        assertNull(checkbox.canonical(false, UTC));
        assertNull(checkbox.canonical("false", UTC));
    }

    @Test
    void itTakesBooleansOnlyAndCannotBeANaturalKey() {
        assertEquals(Set.of(ValueShape.BOOLEAN), checkbox.accepts());
        assertEquals(Set.of(), checkbox.mappingOptions());
        assertFalse(checkbox.canBeNaturalKey());
    }
}
