package io.airsync.mapping;

/** What happens to Airtable records whose source document is gone. */
public enum MirrorMode {
    /** Leave them (default). */
    off,
    /** Delete them. */
    delete,
    /** Tick a checkbox field named by {@code mirror.flagField}. */
    flag
}
