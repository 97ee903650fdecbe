package io.airsync.sync;

/** Record problems the sync layer itself decides (conversion and planning have {@link io.airsync.plan.ProblemKind}). */
enum SyncProblemKind {
    /** A document whose {@code _id} no key can hold: it fails alone. */
    INVALID_ID,
    /** Two Airtable records carry the same key: the second is left alone. */
    DUPLICATE_KEY
}
