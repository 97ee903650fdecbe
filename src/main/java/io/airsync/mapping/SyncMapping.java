package io.airsync.mapping;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The whole declarative mapping: tables in sync order (link targets before the tables that link to them).
 *
 * @param origin   where it was loaded from (named in every error)
 * @param tables   the synced tables, in sync order
 * @param timeZone the mapping's own {@code timeZone}, or null to use {@code airsync.time-zone}
 */
public record SyncMapping(String origin, List<TableMapping> tables, ZoneId timeZone) {

    public SyncMapping(String origin, List<TableMapping> tables) {
        this(origin, tables, null);
    }

    public Optional<TableMapping> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public List<String> tableNames() {
        return tables.stream().map(TableMapping::name).toList();
    }

    /** The zone dates are rendered in: the mapping's own, else the configured one. */
    public ZoneId timeZoneOr(ZoneId configured) {
        return timeZone != null ? timeZone : configured;
    }
}
