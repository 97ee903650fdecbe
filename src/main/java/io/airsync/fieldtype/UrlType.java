package io.airsync.fieldtype;

/** Airtable's {@code url}: a URL. The text rules are in {@link TextFieldType}. */
public final class UrlType extends TextFieldType {
    public UrlType() {
        super("url", false, false);
    }
}
