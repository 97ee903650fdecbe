package io.airsync.mapping;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The Airtable field types a mapping can write; the YAML value is Airtable's own type name. */
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

    private final String airtableName;

    FieldType(String airtableName) {
        this.airtableName = airtableName;
    }

    @JsonValue
    public String airtableName() {
        return airtableName;
    }

    @JsonCreator
    public static FieldType fromAirtableName(String name) {
        for (FieldType t : values()) {
            if (t.airtableName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown field type '" + name + "' (known: "
                + Arrays.stream(values()).map(FieldType::airtableName).collect(Collectors.joining(", ")) + ")");
    }

    public boolean isText() {
        return this == SINGLE_LINE_TEXT || this == MULTILINE_TEXT || this == EMAIL || this == PHONE_NUMBER || this == URL;
    }

    public boolean isNumeric() {
        return this == NUMBER || this == CURRENCY || this == PERCENT;
    }
}
