package io.airsync.fieldtype;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A field type a mapping can write: everything one Airtable type means to Airsync in one class (conversion from
 * MongoDB values, the canonical form for change detection, the schema it is compatible with, the mapping keys it
 * takes). Implementations are stateless and thread-safe. A new Airtable type is one implementation, registered in
 * {@link FieldTypes} and named by the mapping's {@code FieldType}.
 */
public interface WritableFieldType extends AirtableFieldType {

    /** The shape of the values written; a field whose type {@link #accepts() accepts} it can hold them. */
    ValueShape writes();

    /** The mapping keys beyond airtable, source, type and onNull that apply to fields of this type. */
    Set<MappingOption> mappingOptions();

    /** What well-formed values of this type look like, for the value warnings; empty when any text will do. */
    default java.util.Optional<TextShape> textShape() {
        return java.util.Optional.empty();
    }

    /** A field of this type can be the natural key (a single value a row can be found by). */
    default boolean canBeNaturalKey() {
        return true;
    }

    /**
     * The value to send to Airtable for one source value, already unwrapped from BSON and never null.
     *
     * @throws Rejected when the value cannot go into the field (the message says why)
     */
    ConvertedValue convert(Object value, FieldSettings field, ZoneId zone);

    /**
     * The canonical string of a value (one Airsync writes or one Airtable returns; never null), or null for an
     * empty value. Written and read-back forms of the same value have the same canonical.
     */
    String canonical(Object value, ZoneId zone);

    /**
     * Where the Airtable field's options disagree with the mapping in a way that changes stored values (not refused):
     * one warning each, naming the field.
     */
    default List<String> optionWarnings(FieldSettings field, Map<String, Object> schemaOptions) {
        return List.of();
    }
}
