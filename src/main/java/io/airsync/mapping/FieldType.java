package io.airsync.mapping;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.airsync.fieldtype.FieldTypes;
import io.airsync.fieldtype.MappingOption;
import io.airsync.fieldtype.WritableFieldType;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The Airtable field types a mapping can write; the YAML value is Airtable's own type name. What each type means
 * (conversion, canonical form, schema compatibility, the mapping keys it takes) is its {@link #rules() class} in
 * {@code io.airsync.fieldtype}.
 */
public enum FieldType {
    SINGLE_LINE_TEXT("singleLineText"),
    MULTILINE_TEXT("multilineText"),
    EMAIL("email"),
    PHONE_NUMBER("phoneNumber"),
    URL("url"),
    NUMBER("number"),
    CURRENCY("currency"),
    PERCENT("percent"),
    CHECKBOX("checkbox"),
    DATE("date"),
    DATE_TIME("dateTime"),
    SINGLE_SELECT("singleSelect"),
    MULTIPLE_SELECTS("multipleSelects"),
    LINK("multipleRecordLinks");

    private final WritableFieldType rules;

    FieldType(String airtableName) {
        this.rules = FieldTypes.writable(airtableName).orElseThrow(() -> new IllegalStateException(
                "no field type class for " + airtableName));
    }

    /** The class holding what this type means. */
    public WritableFieldType rules() {
        return rules;
    }

    @JsonValue
    public String airtableName() {
        return rules.airtableName();
    }

    /** Whether a mapping key (precision, separator...) applies to fields of this type. */
    public boolean takes(MappingOption option) {
        return rules.mappingOptions().contains(option);
    }

    /** Text types: take a separator for arrays. */
    public boolean isText() {
        return takes(MappingOption.SEPARATOR);
    }

    /** Numeric types: take a precision. */
    public boolean isNumeric() {
        return takes(MappingOption.PRECISION);
    }

    @JsonCreator
    public static FieldType fromAirtableName(String name) {
        for (FieldType t : values()) {
            if (t.airtableName().equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown field type '" + name + "' (known: "
                + Arrays.stream(values()).map(FieldType::airtableName).collect(Collectors.joining(", ")) + ")");
    }
}
