package io.airsync.profile;

/** The ways a source value can contradict its field's mapping; each is a warning, or under {@code strict} a failure. */
public enum ValueKind {
    /** A percent field's values on the other scale: fractions under {@code hundred}, percentages under {@code fraction}. */
    PERCENT_SCALE,
    /** Numbers with decimals written into a field of precision 0: the decimals are rounded away. */
    DECIMALS_LOST,
    /** Dates many years away from the field's other dates (1970-01-01 placeholders, typos such as 2203). */
    DATE_OUTLIER,
    /** Text without the shape of its field type: an e-mail, phone number or URL that is none. */
    TEXT_SHAPE,
    /** An array of several values joined into one cell of a text field whose mapping names no separator. */
    ARRAY_JOINED;

    /** The error type of a record failed for this reason under {@code strict}. */
    public String failureType() {
        return "STRICT_" + name();
    }
}
