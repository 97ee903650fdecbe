package io.airsync.fieldtype;

/** The kinds of value Airsync writes; an Airtable type accepts some of them (see {@link AirtableFieldType#accepts}). */
public enum ValueShape {
    /** Text. */
    TEXT,
    /** One select choice (text). */
    CHOICE,
    /** A list of select choices. */
    CHOICES,
    /** A number. */
    NUMBER,
    /** A day or an instant (ISO 8601). */
    DATE,
    /** true or false. */
    BOOLEAN,
    /** Airtable record IDs. */
    RECORD_IDS
}
