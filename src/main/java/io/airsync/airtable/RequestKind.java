package io.airsync.airtable;

/** What an Airtable request did, for pacing statistics and reports. */
public enum RequestKind {
    LIST, GET, CREATE, UPSERT, UPDATE, DELETE, SCHEMA
}
