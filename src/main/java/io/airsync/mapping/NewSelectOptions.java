package io.airsync.mapping;

/** What a value that is not yet a choice of a single or multiple select field does (the field's {@code options}). */
public enum NewSelectOptions {
    /** Airtable creates the choice: the records that need it are sent with {@code typecast} (the default). */
    create,
    /** The record fails before it is sent, naming the value (add the choice in Airtable by hand). */
    reject
}
