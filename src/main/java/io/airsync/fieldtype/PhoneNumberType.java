package io.airsync.fieldtype;

/** Airtable's {@code phoneNumber}: a phone number. The text rules are in {@link TextFieldType}. */
public final class PhoneNumberType extends TextFieldType {
    public PhoneNumberType() {
        super("phoneNumber", false, false);
    }
}
