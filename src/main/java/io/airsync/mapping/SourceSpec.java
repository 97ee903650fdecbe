package io.airsync.mapping;

import java.util.List;
import java.util.Map;

/**
 * Where a table's documents come from: a collection, read with a cursor (optionally filtered), or an aggregation
 * pipeline run on it (derived values such as counts computed in the database). Filter and pipeline stages are
 * MongoDB Extended JSON shaped maps.
 */
public record SourceSpec(String collection, Map<String, Object> filter, List<Map<String, Object>> pipeline) {

    public boolean isPipeline() {
        return pipeline != null && !pipeline.isEmpty();
    }
}
