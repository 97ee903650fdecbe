package io.airsync.fieldtype;

/** Airtable's {@code number}. The numeric rules are in {@link NumericFieldType}. */
public final class NumberType extends NumericFieldType {
    public NumberType() {
        super("number");
    }
}
