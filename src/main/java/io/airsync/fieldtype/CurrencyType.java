package io.airsync.fieldtype;

/** Airtable's {@code currency}: a number (the symbol is the field's, not the value's). Rules in {@link NumericFieldType}. */
public final class CurrencyType extends NumericFieldType {
    public CurrencyType() {
        super("currency");
    }
}
