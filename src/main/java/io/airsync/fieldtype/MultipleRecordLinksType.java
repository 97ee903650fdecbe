package io.airsync.fieldtype;

import com.mongodb.DBRef;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.types.ObjectId;

/**
 * Airtable's {@code multipleRecordLinks}: the linked documents' keys ({@link Values#keyOf}: ObjectId as hex, strings,
 * integers; DBRefs and embedded documents by their _id); an array gives several. The engine turns keys into Airtable
 * record IDs, and the mapping's {@code link} names the mapped table linked to. Canonical: the record IDs, sorted.
 */
public final class MultipleRecordLinksType implements WritableFieldType {

    @Override
    public String airtableName() {
        return "multipleRecordLinks";
    }

    @Override
    public ValueShape writes() {
        return ValueShape.RECORD_IDS;
    }

    @Override
    public Set<ValueShape> accepts() {
        return Set.of(ValueShape.RECORD_IDS);
    }

    @Override
    public Set<MappingOption> mappingOptions() {
        return Set.of(MappingOption.LINK);
    }

    @Override
    public boolean canBeNaturalKey() {
        return false;
    }

    @Override
    public ConvertedValue convert(Object v, FieldSettings field, ZoneId zone) {
        List<?> elements = v instanceof List<?> l ? l : List.of(v);
        Set<String> keys = new LinkedHashSet<>();
        for (Object element : elements) {
            Object e = Values.unwrap(element);
            if (e instanceof ObjectId || e instanceof String || e instanceof Integer || e instanceof Long
                    || e instanceof UUID) {
                String key = Values.keyOf(e).strip();
                if (!key.isEmpty()) {
                    keys.add(key);
                }
            } else if (e instanceof DBRef ref) {
                keys.add(Values.keyOf(ref.getId()));
            } else if (e instanceof Map<?, ?> m && m.containsKey("_id")) {
                keys.add(Values.keyOf(m.get("_id")));
            } else if (e != null) {
                throw new Rejected("expected the _id of a linked document (ObjectId or string), got "
                        + Values.describe(e));
            }
        }
        return keys.isEmpty() ? ConvertedValue.cleared() : ConvertedValue.ok(List.copyOf(keys));
    }

    @Override
    public String canonical(Object v, ZoneId zone) {
        return Values.unorderedList(v);
    }

    /** The ID of the Airtable table this link field points to, from its schema options; null when not given. */
    public static String linkedTableId(Map<String, Object> schemaOptions) {
        return schemaOptions == null || schemaOptions.get("linkedTableId") == null ? null
                : String.valueOf(schemaOptions.get("linkedTableId"));
    }
}
