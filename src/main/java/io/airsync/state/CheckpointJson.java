package io.airsync.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/** The JSON form of a {@link RunCheckpoint}, the same in DynamoDB and in checkpoint.json. */
final class CheckpointJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CheckpointJson() {
    }

    static String write(RunCheckpoint checkpoint) {
        try {
            return MAPPER.writeValueAsString(checkpoint);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise the checkpoint of run " + checkpoint.runId(), e);
        }
    }

    static RunCheckpoint read(String json) throws IOException {
        return MAPPER.readValue(json, RunCheckpoint.class);
    }
}
