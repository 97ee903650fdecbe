package io.airsync.fieldtype;

/** Airtable's {@code email}: an e-mail address (Airtable checks its form). The text rules are in {@link TextFieldType}. */
public final class EmailType extends TextFieldType {
    public EmailType() {
        super("email", false, false);
    }
}
