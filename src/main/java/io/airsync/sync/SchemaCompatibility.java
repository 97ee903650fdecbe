package io.airsync.sync;

import io.airsync.airtable.BaseSchema;
import io.airsync.mapping.FieldMapping;
import java.util.Optional;
import java.util.Set;

/** Whether an Airtable field's actual type can hold what the mapping writes; a doubtful pairing is a warning. */
final class SchemaCompatibility {

    private static final Set<String> TEXT = Set.of("singleLineText", "multilineText", "richText", "email", "url", "phoneNumber");
    private static final Set<String> NUMBER = Set.of("number", "currency", "percent", "rating", "duration");
    private static final Set<String> COMPUTED = Set.of("formula", "rollup", "count", "lookup", "multipleLookupValues",
            "createdTime", "lastModifiedTime", "autoNumber", "createdBy", "lastModifiedBy", "button");

    private SchemaCompatibility() {
    }

    /** A doubtful but workable pairing (the values still fit), as a warning; empty when the types match. */
    static Optional<String> check(FieldMapping f, BaseSchema.FieldSchema actual) {
        String type = actual.type();
        if (type.equals(f.type().airtableName()) || incompatibility(f, actual).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("field '" + f.airtable() + "' is mapped as " + f.type().airtableName() + " but is " + type
                + " in Airtable (values still fit)");
    }

    /**
     * Why Airtable would refuse every value of this field (a computed field, or a type the mapped values cannot go
     * into: the field was retyped, or the mapping is wrong), to be followed by "in Airtable table ..."; empty when
     * they fit. The table then fails up front
     * instead of sending thousands of records to be refused one by one.
     */
    static Optional<String> incompatibility(FieldMapping f, BaseSchema.FieldSchema actual) {
        String type = actual.type();
        if (type.equals(f.type().airtableName())) {
            return Optional.empty();
        }
        if (COMPUTED.contains(type)) {
            return Optional.of("field '" + f.airtable() + "' is a computed " + type + " field");
        }
        boolean fits = switch (f.type()) {
            case SINGLE_LINE_TEXT, MULTILINE_TEXT, EMAIL, PHONE_NUMBER, URL -> TEXT.contains(type) || type.equals("singleSelect");
            case NUMBER, CURRENCY, PERCENT -> NUMBER.contains(type);
            case DATE, DATE_TIME -> type.equals("date") || type.equals("dateTime");
            case SINGLE_SELECT -> TEXT.contains(type);
            case MULTIPLE_SELECTS, CHECKBOX, LINK -> false;
        };
        return fits ? Optional.empty() : Optional.of("field '" + f.airtable() + "' is mapped as "
                + f.type().airtableName() + " but is " + type);
    }

    /** The key field holds the document's id as text and is upserted on: it must be a text field. */
    static Optional<String> keyIncompatibility(String keyField, BaseSchema.FieldSchema actual) {
        Set<String> keyTypes = Set.of("singleLineText", "multilineText", "email", "url", "phoneNumber");
        return keyTypes.contains(actual.type()) ? Optional.empty()
                : Optional.of("key field '" + keyField + "' is " + actual.type() + " (not text)");
    }

}
