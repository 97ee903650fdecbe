package io.airsync.airtable;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one JSON configuration for Airtable bodies: used by the REST client and by the error-body parser. */
public final class AirtableJson {
    /**
     * Unknown properties are ignored because Airtable adds fields to its answers over time (views, descriptions,
     * commentCount, ...). Numbers stay Jackson's defaults: Integer/Long for whole numbers, Double otherwise.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private AirtableJson() {
    }
}
