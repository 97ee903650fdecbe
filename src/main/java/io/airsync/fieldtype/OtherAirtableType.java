package io.airsync.fieldtype;

import java.util.Set;

/**
 * The fallback for an Airtable type Airsync does not write: what it accepts is known for a few (rich text takes
 * text, rating and duration numbers), computed types refuse everything, and a type nobody here has heard of (one
 * Airtable adds tomorrow) is taken to accept nothing, so a mapping onto it fails up front with its name.
 */
public final class OtherAirtableType implements AirtableFieldType {

    private static final Set<String> TEXT_LIKE = Set.of("richText");
    private static final Set<String> NUMBER_LIKE = Set.of("rating", "duration");
    private static final Set<String> COMPUTED = Set.of("formula", "rollup", "count", "lookup",
            "multipleLookupValues", "createdTime", "lastModifiedTime", "autoNumber", "createdBy", "lastModifiedBy",
            "button");

    private final String airtableName;

    public OtherAirtableType(String airtableName) {
        this.airtableName = airtableName;
    }

    @Override
    public String airtableName() {
        return airtableName;
    }

    @Override
    public Set<ValueShape> accepts() {
        if (TEXT_LIKE.contains(airtableName)) {
            return Set.of(ValueShape.TEXT, ValueShape.CHOICE);
        }
        return NUMBER_LIKE.contains(airtableName) ? Set.of(ValueShape.NUMBER) : Set.of();
    }

    @Override
    public boolean computed() {
        return COMPUTED.contains(airtableName);
    }
}
