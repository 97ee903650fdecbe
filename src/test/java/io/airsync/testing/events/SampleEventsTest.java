package io.airsync.testing.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void validSamplesAreObjectsOfTheHandlersShape() throws Exception {
        Map<String, String> valid = SampleEvents.valid();
        assertTrue(valid.keySet().containsAll(Set.of("scheduler.json", "scheduled-event.json", "operator-dry-run.json",
                "operator-reconcile.json", "operator-all.json")), valid.keySet().toString());
        for (Map.Entry<String, String> sample : valid.entrySet()) {
            JsonNode json = JSON.readTree(sample.getValue());
            assertTrue(json.isObject(), sample.getKey());
            assertEquals("succeeded", SampleEvents.expectedStatus(sample.getKey()));
            if (!sample.getKey().equals("scheduled-event.json")) {
                Set<String> keys = new HashSet<>();
                json.fieldNames().forEachRemaining(keys::add);
                assertTrue(Set.of("tables", "dryRun", "reconcile", "source").containsAll(keys), sample.getKey() + keys);
            }
        }
        JsonNode envelope = JSON.readTree(SampleEvents.read("scheduled-event.json"));
        assertEquals("Scheduled Event", envelope.path("detail-type").asText());
        assertEquals("aws.events", envelope.path("source").asText());
    }

    @Test
    void invalidSamplesAreEachWrongInOneWay() {
        Map<String, String> invalid = SampleEvents.invalid();
        assertEquals(7, invalid.size(), invalid.keySet().toString());
        invalid.keySet().forEach(name -> assertEquals("invalid", SampleEvents.expectedStatus(name)));
        assertThrows(JsonProcessingException.class, () -> JSON.readTree(invalid.get("invalid/malformed.json")));
    }

    @Test
    void hugePayloadIsWellFormedAndTooBigForAnAsyncInvoke() throws Exception {
        String huge = SampleEvents.hugePayload();
        assertTrue(huge.getBytes(StandardCharsets.UTF_8).length >= SampleEvents.HUGE_PAYLOAD_BYTES);
        assertTrue(huge.getBytes(StandardCharsets.UTF_8).length < 6 * 1024 * 1024, "a synchronous invoke still takes it");
        assertTrue(JSON.readTree(huge).path("tables").size() > 100_000);
    }

    @Test
    void readmeListsEverySampleWithItsExpectedStatus() {
        String readme = SampleEvents.read("README.md");
        Map<String, String> all = new java.util.TreeMap<>(SampleEvents.valid());
        all.putAll(SampleEvents.invalid());
        Set<String> listed = new HashSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `([^`]+\\.json)` \\|.*\\| `(\\w+)` \\|$").matcher(readme);
        while (row.find()) {
            listed.add(row.group(1));
            assertEquals(SampleEvents.expectedStatus(row.group(1)), row.group(2), row.group(1));
        }
        assertEquals(all.keySet(), listed, "README rows vs files");
    }
}
