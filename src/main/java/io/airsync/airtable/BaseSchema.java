package io.airsync.airtable;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The base schema from the metadata API. */
public record BaseSchema(List<TableSchema> tables) {

    public Optional<TableSchema> table(String nameOrId) {
        return tables.stream().filter(t -> t.id().equals(nameOrId) || t.name().equals(nameOrId)).findFirst();
    }

    public record TableSchema(String id, String name, String primaryFieldId, List<FieldSchema> fields) {
        public Optional<FieldSchema> field(String nameOrId) {
            return fields.stream().filter(f -> f.id().equals(nameOrId) || f.name().equals(nameOrId)).findFirst();
        }
    }

    public record FieldSchema(String id, String name, String type, Map<String, Object> options) {
    }
}
