package io.airsync.mapping;

/** What a missing or null source value does to the Airtable cell. */
public enum NullPolicy {
    /** Leave whatever Airtable holds (the prototype's behaviour, the default). */
    keep,
    /** Empty the cell. */
    clear
}
