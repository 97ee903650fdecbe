package io.airsync.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options each select field has in Airtable. Writes do not typecast, so a value that is not an option would be
 * refused by Airtable: it is failed here instead of sent.
 */
final class SelectOptions {

    /** A value about to be written that is not one of its field's options. */
    record Missing(String field, String value) {
    }

    private final Map<String, Set<String>> byField = new HashMap<>();

    void put(String field, Set<String> options) {
        byField.put(field, options);
    }

    /** The first value of {@code fields} that is not an option of its select field, if any. */
    Optional<Missing> firstMissing(Map<String, Object> fields) {
        for (Map.Entry<String, Set<String>> c : byField.entrySet()) {
            Object value = fields.get(c.getKey());
            List<?> values = value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
            for (Object v : values) {
                if (v != null && !c.getValue().contains(String.valueOf(v))) {
                    return Optional.of(new Missing(c.getKey(), String.valueOf(v)));
                }
            }
        }
        return Optional.empty();
    }
}
