package io.airsync.mapping;

import java.util.List;
import java.util.Optional;

/**
 * The whole declarative mapping: tables in sync order (link targets before the tables that link to them).
 *
 * @param origin where it was loaded from (named in every error)
 */
public record SyncMapping(String origin, List<TableMapping> tables) {

    public Optional<TableMapping> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public List<String> tableNames() {
        return tables.stream().map(TableMapping::name).toList();
    }
}
