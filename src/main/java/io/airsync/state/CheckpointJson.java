package io.airsync.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/**
 * The persisted form of a {@link RunCheckpoint}, the same in DynamoDB and in checkpoint.json: the record's fields plus
 * {@code "format": 3}. Format 3 adds the documents deferred past the deadline ({@code pending}) and the current
 * table's read-back progress ({@code readBack}); a format 2 checkpoint has neither and is read as such. Format 2 keeps the resume point with its BSON type ({@code lastId}, Extended JSON). Format 1
 * (or none: written before the field existed) kept it as an untyped hex-or-string {@code lastMongoId}: such a
 * checkpoint is still read between tables, but one that stopped inside a table is refused (its resume point could be
 * misread and skip documents). A newer format than this code knows is refused rather than misread. A refused or
 * unparsable checkpoint raises {@link UnreadableCheckpointException}; the run then ignores it, with a warning.
 */
final class CheckpointJson {

    /** The format this code writes and the newest it reads. */
    static final int FORMAT = 3;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CheckpointJson() {
    }

    static String write(RunCheckpoint checkpoint) {
        try {
            ObjectNode node = MAPPER.createObjectNode().put("format", FORMAT);
            node.setAll((ObjectNode) MAPPER.valueToTree(checkpoint));
            return MAPPER.writeValueAsString(node);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot serialise the checkpoint of run " + checkpoint.runId(), e);
        }
    }

    static RunCheckpoint read(String json) throws IOException {
        JsonNode node = MAPPER.readTree(json);
        if (node == null || !node.isObject()) {
            throw new IOException("not a JSON object");
        }
        int format = node.path("format").asInt(1);
        if (format > FORMAT) {
            throw new IOException("checkpoint format " + format + " is newer than this version of Airsync reads ("
                    + FORMAT + ")");
        }
        if (format < 2 && node.hasNonNull("lastMongoId")) {
            throw new IOException("checkpoint format " + format + " (an older Airsync) stopped inside table '"
                    + node.path("currentTable").asText() + "' at an _id without its type");
        }
        return MAPPER.treeToValue(node, RunCheckpoint.class);
    }
}
