package io.airsync.fieldtype;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an Airtable field of one type is to Airsync, as the base schema shows it: which values it accepts, whether it
 * is computed, whether it can hold the key, which select choices it offers. Every Airtable type has one
 * ({@link FieldTypes#ofAirtable}: the types Airsync writes are {@link WritableFieldType}s, the others a fallback).
 */
public interface AirtableFieldType {

    /** Airtable's name of the type ({@code singleLineText}, {@code formula}...). */
    String airtableName();

    /** The shapes of value a field of this type takes (empty: it takes nothing Airsync writes). */
    Set<ValueShape> accepts();

    /** A computed field (formula, rollup...): Airtable refuses every value written to it. */
    default boolean computed() {
        return false;
    }

    /** Can hold the document's key (its _id as text) and be upserted on. */
    default boolean canHoldKey() {
        return false;
    }

    /** The choices a select field offers, from its schema options; empty for a field without choices. */
    default Optional<Set<String>> choices(Map<String, Object> schemaOptions) {
        return Optional.empty();
    }
}
