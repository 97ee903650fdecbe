package io.airsync.fieldtype;

/** Airtable's {@code singleLineText}: one line: newlines become spaces. The text rules are in {@link TextFieldType}. */
public final class SingleLineTextType extends TextFieldType {
    public SingleLineTextType() {
        super("singleLineText", true, false);
    }
}
