package io.airsync.mapping;

/**
 * One Airtable field fed from one source path.
 *
 * @param airtable  the Airtable field name
 * @param source    dot path into the source document ({@code _id}, {@code profile.city}, {@code tags})
 * @param type      the Airtable type written
 * @param onNull    what a missing or null source value does
 * @param precision decimal places for number/currency/percent (null: as is)
 * @param separator for text fields fed by arrays: the joiner (default ", ")
 * @param percentScale for percent fields: "fraction" (0.42 = 42%, Airtable's own) or "hundred" (42 = 42%)
 * @param link      for link fields: the name of the mapped table whose records are linked
 */
public record FieldMapping(
        String airtable,
        String source,
        FieldType type,
        NullPolicy onNull,
        Integer precision,
        String separator,
        String percentScale,
        String link) {

    public boolean isLink() {
        return type == FieldType.LINK;
    }
}
