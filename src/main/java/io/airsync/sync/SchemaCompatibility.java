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

    static Optional<String> check(FieldMapping f, BaseSchema.FieldSchema actual) {
        String type = actual.type();
        if (type.equals(f.type().airtableName())) {
            return Optional.empty();
        }
        if (COMPUTED.contains(type)) {
            return Optional.of("field '" + f.airtable() + "' is a computed " + type + " field in Airtable: writes to it fail");
        }
        boolean fits = switch (f.type()) {
            case SINGLE_LINE_TEXT, MULTILINE_TEXT, EMAIL, PHONE_NUMBER, URL -> TEXT.contains(type) || type.equals("singleSelect");
            case NUMBER, CURRENCY, PERCENT -> NUMBER.contains(type);
            case DATE, DATE_TIME -> type.equals("date") || type.equals("dateTime");
            case SINGLE_SELECT -> TEXT.contains(type);
            case MULTIPLE_SELECTS, CHECKBOX, LINK -> false;
        };
        return Optional.of("field '" + f.airtable() + "' is mapped as " + f.type().airtableName() + " but is " + type
                + " in Airtable" + (fits ? " (values still fit)" : ": values may be rejected"));
    }

}
