package io.airsync.fieldtype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

/** NumberType, CurrencyType, PercentType. */
class NumericTypesTest {

    static final ZoneId UTC = ZoneId.of("UTC");
    final NumberType number = new NumberType();
    final CurrencyType currency = new CurrencyType();
    final PercentType percent = new PercentType();

    @Test
    void numbersAreTheDoubleAirtableWillHoldRoundedHalfUpToThePrecision() {
        assertEquals(new BigDecimal("2.68"), currency.convert(2.675, Field.precision(2), UTC).value());
        assertEquals(new BigDecimal("3"), number.convert(new Decimal128(new BigDecimal("3.000")), Field.PLAIN, UTC).value());
        assertEquals(new BigDecimal("12.5"), number.convert(" 12.50 ", Field.PLAIN, UTC).value());
        assertTrue(number.convert("  ", Field.PLAIN, UTC).isOk());
        assertNull(number.convert("  ", Field.PLAIN, UTC).value());
    }

    @Test
    void whatAirtableCannotHoldIsRejectedWithTheReason() {
        assertTrue(assertThrows(Rejected.class, () -> number.convert(Double.NaN, Field.PLAIN, UTC)).getMessage()
                .contains("finite"));
        assertTrue(assertThrows(Rejected.class, () -> number.convert(Long.MAX_VALUE, Field.PLAIN, UTC)).getMessage()
                .contains("too large"));
        assertTrue(assertThrows(Rejected.class, () -> number.convert("1,000", Field.PLAIN, UTC)).getMessage()
                .contains("expected a number"));
        assertThrows(Rejected.class, () -> number.convert(List.of(1), Field.PLAIN, UTC));
    }

    @Test
    void percentHoldsTheFractionAndItsPrecisionCountsDecimalsOfThePercentage() {
        assertEquals(new BigDecimal("0.425"), percent.convert(42.5, new Field("F", 1, ", ", true), UTC).value());
        assertEquals(new BigDecimal("0.43"), percent.convert(0.4251, Field.precision(0), UTC).value());
        assertEquals(Set.of(MappingOption.PRECISION, MappingOption.PERCENT_SCALE), percent.mappingOptions());
        assertEquals(Set.of(MappingOption.PRECISION), number.mappingOptions());
    }

    @Test
    void writtenAndReadBackNumbersHaveOneCanonical() {
        assertEquals("3", number.canonical(new BigDecimal("3.0"), UTC));
        assertEquals(number.canonical(0.1, UTC), number.canonical(new BigDecimal("0.1"), UTC));
        assertTrue(number.canonical(true, UTC).startsWith("\u0000"), "an unexpected shape reads as changed");
    }

    @Test
    void aPrecisionThatIsNotAirtablesIsAWarning() {
        assertEquals(List.of(), currency.optionWarnings(Field.precision(2), Map.of("precision", 2, "symbol", "$")));
        List<String> w = currency.optionWarnings(Field.precision(2), Map.of("precision", 0));
        assertEquals(1, w.size());
        assertTrue(w.get(0).startsWith("field 'F' has precision 0 in Airtable, the mapping's is 2"), w.get(0));
        assertTrue(number.optionWarnings(Field.PLAIN, Map.of("precision", 1)).get(0).contains("is unset"));
        assertEquals(List.of(), number.optionWarnings(Field.PLAIN, null));
    }

    @Test
    void numericFieldsTakeNumbersOnly() {
        for (NumericFieldType t : List.of(number, currency, percent)) {
            assertEquals(ValueShape.NUMBER, t.writes());
            assertEquals(Set.of(ValueShape.NUMBER), t.accepts());
            assertFalse(t.canHoldKey());
        }
    }
}
