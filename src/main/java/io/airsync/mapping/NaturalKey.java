package io.airsync.mapping;

/** The Airtable field (one of the mapped ones) used to adopt rows that exist without a key, and its normalisation. */
public record NaturalKey(String field, KeyNormalization normalize) {
}
