package io.airsync.fieldtype;

/** Airtable's {@code multilineText}: several lines, kept as written (trailing whitespace aside). The text rules are in {@link TextFieldType}. */
public final class MultilineTextType extends TextFieldType {
    public MultilineTextType() {
        super("multilineText", false, true);
    }
}
