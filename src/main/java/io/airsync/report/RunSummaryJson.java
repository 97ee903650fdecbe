package io.airsync.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON form of a {@link RunSummary}: fields in the record's declaration order (runId, status, mode, startedAt,
 * durationMs, tables, requests, reportUri, summaryUri, error, airtable), nulls included so every summary has the same shape.
 * The same mapper serves the stored {@code .json} and anything else that prints a summary.
 */
public final class RunSummaryJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .build();

    private RunSummaryJson() {
    }

    /** Indented JSON, for the stored summary. */
    public static String write(RunSummary summary) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the summary of run " + summary.runId(), e);
        }
    }

    /** One-line JSON, for a log line. */
    public static String writeCompact(RunSummary summary) {
        try {
            return MAPPER.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the summary of run " + summary.runId(), e);
        }
    }

    public static RunSummary read(String json) {
        try {
            return MAPPER.readValue(json, RunSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a run summary: " + e.getOriginalMessage(), e);
        }
    }

    /** The mapper itself, configured as above. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
