package io.airsync.fieldtype;

import java.math.BigDecimal;
import java.util.Set;

/**
 * Airtable's {@code percent}: Airtable holds the fraction (0.42 is 42%). {@code percentScale: hundred} divides the
 * source's percentages by 100; {@code precision} counts decimals of the percentage, so the fraction keeps two more.
 * The other numeric rules are in {@link NumericFieldType}.
 */
public final class PercentType extends NumericFieldType {
    public PercentType() {
        super("percent");
    }

    @Override
    public Set<MappingOption> mappingOptions() {
        return Set.of(MappingOption.PRECISION, MappingOption.PERCENT_SCALE);
    }

    @Override
    BigDecimal scaled(BigDecimal n, FieldSettings field) {
        return field.percentOfHundred() ? n.movePointLeft(2) : n;
    }

    @Override
    int storedPlaces(int precision) {
        return precision + 2;
    }
}
