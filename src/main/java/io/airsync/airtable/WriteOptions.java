package io.airsync.airtable;

/** Immutable write-request parameters: {@code typecast} lets Airtable create select options; {@code replace} = PUT. */
public record WriteOptions(boolean typecast, boolean replace) {
    public static final WriteOptions DEFAULT = new WriteOptions(false, false);
}
