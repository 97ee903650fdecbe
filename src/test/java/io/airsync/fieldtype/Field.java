package io.airsync.fieldtype;

/** A mapped field's settings for the field type tests (what FieldMapping gives in production). */
record Field(String airtable, Integer precision, String separatorOrDefault, boolean percentOfHundred)
        implements FieldSettings {

    static final Field PLAIN = new Field("F", null, ", ", false);

    static Field precision(int places) {
        return new Field("F", places, ", ", false);
    }
}
