package io.airsync.fieldtype;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry: every type Airsync writes, by Airtable name, and the fallback for the others. */
public final class FieldTypes {

    /** In the order the mapping documents them. */
    private static final List<WritableFieldType> WRITABLE = List.of(
            new SingleLineTextType(), new MultilineTextType(), new EmailType(), new PhoneNumberType(), new UrlType(),
            new NumberType(), new CurrencyType(), new PercentType(), new CheckboxType(), new DateType(),
            new DateTimeType(), new SingleSelectType(), new MultipleSelectsType(), new MultipleRecordLinksType());

    private static final Map<String, WritableFieldType> BY_NAME = new LinkedHashMap<>();

    static {
        for (WritableFieldType t : WRITABLE) {
            BY_NAME.put(t.airtableName(), t);
        }
    }

    private FieldTypes() {
    }

    /** Every type a mapping can write, in documentation order. */
    public static List<WritableFieldType> writable() {
        return WRITABLE;
    }

    /** The type a mapping can write under this Airtable name, if any. */
    public static Optional<WritableFieldType> writable(String airtableName) {
        return Optional.ofNullable(BY_NAME.get(airtableName));
    }

    /** What an Airtable field of this type is: the writable type, or the fallback. Never null. */
    public static AirtableFieldType ofAirtable(String airtableName) {
        WritableFieldType t = BY_NAME.get(airtableName);
        return t != null ? t : new OtherAirtableType(airtableName);
    }

    /** The names of the writable types that take a mapping key, e.g. "number, currency and percent". */
    public static String namesTaking(MappingOption option) {
        List<String> names = WRITABLE.stream().filter(t -> t.mappingOptions().contains(option))
                .map(WritableFieldType::airtableName).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }
}
