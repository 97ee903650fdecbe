package io.airsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checkpoint's persisted form: versioned (3: documents deferred past the deadline and the read-back's place; 2:
 * the resume point keeps its BSON type); a format 2 one read as having neither; a format 1 one read when it stopped
 * between tables, refused when it stopped inside one (its resume point has no type); a newer one refused.
 */
class CheckpointJsonTest {

    static final RunCheckpoint CHECKPOINT = new RunCheckpoint("1a444671d9", Instant.parse("2026-11-25T17:35:55.101Z"),
            List.of("Users", "Messages"), false, true,
            List.of(new RunCheckpoint.TableProgress("Users", "succeeded", 40, 40, 0, 0, 0, 0, 0, null)),
            "Messages", "{\"_id\": {\"$numberLong\": \"7\"}}",
            new RunCheckpoint.TableProgress("Messages", "continued", 70, 69, 0, 0, 0, 1, 2, null), 2,
            List.of("{\"_id\": {\"$numberLong\": \"5\"}}", "{\"_id\": {\"$oid\": \"65a0f0c2e4b0a1b2c3d4e5f6\"}}"),
            new RunCheckpoint.ReadBack("itrAbCdEfGhIjKlMn/recAbCdEfGhIjKlMn", false, 1, false));

    @Test
    void writesItsFormatAndReadsItBack() throws IOException {
        String json = CheckpointJson.write(CHECKPOINT);
        assertTrue(json.startsWith("{\"format\":3,"), json);
        assertEquals(CHECKPOINT, CheckpointJson.read(json));
    }

    @Test
    void aFormat2CheckpointIsReadWithNothingPendingAndNoReadBack() throws IOException {
        String v2 = "{\"format\":2,\"runId\":\"1a444671d9\",\"startedAt\":\"2026-11-25T17:35:55.101Z\","
                + "\"tables\":[\"Users\",\"Messages\"],\"dryRun\":false,\"reconcile\":true,\"completed\":[],"
                + "\"currentTable\":\"Messages\",\"lastId\":\"{\\\"_id\\\": {\\\"$numberLong\\\": \\\"7\\\"}}\","
                + "\"currentPartial\":null,\"invocations\":2}";
        RunCheckpoint read = CheckpointJson.read(v2);
        assertEquals("Messages", read.currentTable());
        assertEquals("{\"_id\": {\"$numberLong\": \"7\"}}", read.lastId());
        assertEquals(List.of(), read.pending());
        assertEquals(null, read.readBack());
    }

    @Test
    void anOlderCheckpointStoppedInsideATableIsRefusedItsResumePointHasNoType() {
        // As the earlier code wrote it (the report's table summaries inside, no format).
        String old = "{\"runId\":\"1a444671d9\",\"startedAt\":\"2026-11-25T17:35:55.101Z\",\"tables\":[\"Users\","
                + "\"Messages\"],\"dryRun\":false,\"reconcile\":true,\"completed\":[{\"table\":\"Users\",\"status\":"
                + "\"succeeded\",\"sourceCount\":40,\"created\":40,\"updated\":0,\"unchanged\":0,\"deleted\":0,"
                + "\"failed\":0,\"linkProblems\":0,\"error\":null}],\"currentTable\":\"Messages\",\"lastMongoId\":"
                + "\"65a0f0c2e4b0a1b2c3d4e5f6\",\"currentPartial\":{\"table\":\"Messages\",\"status\":\"continued\","
                + "\"sourceCount\":70,\"created\":69,\"updated\":0,\"unchanged\":0,\"deleted\":0,\"failed\":1,"
                + "\"linkProblems\":2,\"error\":null},\"invocations\":2}";
        IOException e = assertThrows(IOException.class, () -> CheckpointJson.read(old));
        assertTrue(e.getMessage().contains("'Messages'") && e.getMessage().contains("without its type"), e.getMessage());
    }

    @Test
    void anOlderCheckpointBetweenTablesIsStillRead() throws IOException {
        String old = "{\"format\":1,\"runId\":\"1a444671d9\",\"startedAt\":\"2026-11-25T17:35:55.101Z\","
                + "\"tables\":[\"Users\",\"Messages\"],\"dryRun\":false,\"reconcile\":true,\"completed\":[],"
                + "\"currentTable\":null,\"lastMongoId\":null,\"currentPartial\":null,\"invocations\":2}";
        RunCheckpoint read = CheckpointJson.read(old);
        assertEquals("1a444671d9", read.runId());
        assertEquals(null, read.lastId());
    }

    @Test
    void aNewerFormatIsRefusedNotMisread() {
        IOException e = assertThrows(IOException.class, () -> CheckpointJson.read("{\"format\":4,\"runId\":\"r\"}"));
        assertTrue(e.getMessage().contains("format 4"), e.getMessage());
    }
}
