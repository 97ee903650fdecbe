package io.airsync.fieldtype;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The select types: their choices come from the schema, and the mapping's {@code options} says what a new one does. */
abstract class SelectFieldType implements WritableFieldType {

    @Override
    public Set<MappingOption> mappingOptions() {
        return Set.of(MappingOption.OPTIONS);
    }

    /** The names in {@code options.choices} of the metadata API's field. */
    @Override
    public Optional<Set<String>> choices(Map<String, Object> schemaOptions) {
        if (schemaOptions == null || !(schemaOptions.get("choices") instanceof List<?> list)) {
            return Optional.empty();
        }
        Set<String> names = new HashSet<>();
        for (Object choice : list) {
            if (choice instanceof Map<?, ?> m && m.get("name") != null) {
                names.add(String.valueOf(m.get("name")));
            }
        }
        return Optional.of(names);
    }
}
