package io.airsync.airtable;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The base schema from the metadata API (GET /v0/meta/bases/{baseId}/tables); absent lists read as empty. */
@RegisterForReflection
public record BaseSchema(List<TableSchema> tables) {
    public BaseSchema {
        tables = tables == null ? List.of() : tables;
    }

    public Optional<TableSchema> table(String nameOrId) {
        return tables.stream().filter(t -> t.id().equals(nameOrId) || t.name().equals(nameOrId)).findFirst();
    }

    @RegisterForReflection
    public record TableSchema(String id, String name, String primaryFieldId, List<FieldSchema> fields) {
        public TableSchema {
            fields = fields == null ? List.of() : fields;
        }

        public Optional<FieldSchema> field(String nameOrId) {
            return fields.stream().filter(f -> f.id().equals(nameOrId) || f.name().equals(nameOrId)).findFirst();
        }
    }

    /** {@code options} is null for types without options, as Airtable sends it. */
    @RegisterForReflection
    public record FieldSchema(String id, String name, String type, Map<String, Object> options) {
    }
}
