package io.airsync.fieldtype;

/** What a field type reads of one mapped field (the mapping's field implements it). */
public interface FieldSettings {

    /** The Airtable field name, for messages. */
    String airtable();

    /** Decimal places for numeric types (null: as is). */
    Integer precision();

    /** Joiner of array elements written into a text field. */
    String separatorOrDefault();

    /** Percent fields: the source holds 0..100 percentages (divided by 100 on the way to Airtable). */
    boolean percentOfHundred();
}
