package io.airsync.mapping;

import io.airsync.fieldtype.FieldSettings;

/**
 * One Airtable field fed from one source path.
 *
 * @param airtable  the Airtable field name
 * @param source    dot path into the source document ({@code _id}, {@code profile.city}, {@code tags})
 * @param type      the Airtable type written
 * @param onNull    what a missing or null source value does
 * @param precision decimal places for number/currency/percent (null: as is); for percent, the decimal places of
 *                  the percentage as Airtable shows it (precision 1: 42.5%, stored as the fraction 0.425)
 * @param separator for text fields fed by arrays: the joiner (default ", ")
 * @param percentScale for percent fields: "fraction" (0.42 = 42%, Airtable's own) or "hundred" (42 = 42%)
 * @param link      for link fields: the name of the mapped table whose records are linked
 * @param options   for select fields: what a value that is not yet a choice does (null for other types)
 * @param strict    a value that contradicts the mapping (see {@code io.airsync.profile.ValueChecks}) fails its record
 *                  instead of being written with a warning in the report
 */
public record FieldMapping(
        String airtable,
        String source,
        FieldType type,
        NullPolicy onNull,
        Integer precision,
        String separator,
        String percentScale,
        String link,
        NewSelectOptions options,
        boolean strict) implements FieldSettings {

    /** A field without {@code strict}: values that contradict the mapping are written and warned about. */
    public FieldMapping(String airtable, String source, FieldType type, NullPolicy onNull, Integer precision,
            String separator, String percentScale, String link, NewSelectOptions options) {
        this(airtable, source, type, onNull, precision, separator, percentScale, link, options, false);
    }

    /** Joiner of array elements written into a text field when the mapping gives none. */
    public static final String DEFAULT_SEPARATOR = ", ";
    /** {@code percentScale} value: the source holds fractions (0.42 is 42%), as Airtable does. The default. */
    public static final String PERCENT_FRACTION = "fraction";
    /** {@code percentScale} value: the source holds percentages (42 is 42%). */
    public static final String PERCENT_HUNDRED = "hundred";

    /** A field without {@code options} (the form used before select options had a policy; selects then create). */
    public FieldMapping(String airtable, String source, FieldType type, NullPolicy onNull, Integer precision,
                        String separator, String percentScale, String link) {
        this(airtable, source, type, onNull, precision, separator, percentScale, link,
                type != null && type.takes(io.airsync.fieldtype.MappingOption.OPTIONS) ? DEFAULT_OPTIONS : null);
    }

    /** What a new select choice does when the mapping does not say. */
    public static final NewSelectOptions DEFAULT_OPTIONS = NewSelectOptions.create;

    /** True for a select field whose new choices Airtable may create (sent with typecast). */
    public boolean createsOptions() {
        return options == NewSelectOptions.create;
    }

    public boolean isLink() {
        return type == FieldType.LINK;
    }

    /** The separator in force (the default when none is set). */
    public String separatorOrDefault() {
        return separator != null ? separator : DEFAULT_SEPARATOR;
    }

    /** True when the source holds 0..100 percentages that are divided by 100 on the way to Airtable. */
    public boolean percentOfHundred() {
        return PERCENT_HUNDRED.equals(percentScale);
    }
}
