package io.airsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checkpoint's persisted form: versioned, readable from before the version existed, a newer one refused. */
class CheckpointJsonTest {

    static final RunCheckpoint CHECKPOINT = new RunCheckpoint("1a444671d9", Instant.parse("2026-11-25T17:35:55.101Z"),
            List.of("Users", "Messages"), false, true,
            List.of(new RunCheckpoint.TableProgress("Users", "succeeded", 40, 40, 0, 0, 0, 0, 0, null)),
            "Messages", "65a0f0c2e4b0a1b2c3d4e5f6",
            new RunCheckpoint.TableProgress("Messages", "continued", 70, 69, 0, 0, 0, 1, 2, null), 2);

    @Test
    void writesItsFormatAndReadsItBack() throws IOException {
        String json = CheckpointJson.write(CHECKPOINT);
        assertTrue(json.startsWith("{\"format\":1,"), json);
        assertEquals(CHECKPOINT, CheckpointJson.read(json));
    }

    @Test
    void aCheckpointSavedBeforeFormatsExistedIsReadAsFormatOne() throws IOException {
        // As the earlier code wrote it (the report's table summaries inside, no format).
        String old = "{\"runId\":\"1a444671d9\",\"startedAt\":\"2026-11-25T17:35:55.101Z\",\"tables\":[\"Users\","
                + "\"Messages\"],\"dryRun\":false,\"reconcile\":true,\"completed\":[{\"table\":\"Users\",\"status\":"
                + "\"succeeded\",\"sourceCount\":40,\"created\":40,\"updated\":0,\"unchanged\":0,\"deleted\":0,"
                + "\"failed\":0,\"linkProblems\":0,\"error\":null}],\"currentTable\":\"Messages\",\"lastMongoId\":"
                + "\"65a0f0c2e4b0a1b2c3d4e5f6\",\"currentPartial\":{\"table\":\"Messages\",\"status\":\"continued\","
                + "\"sourceCount\":70,\"created\":69,\"updated\":0,\"unchanged\":0,\"deleted\":0,\"failed\":1,"
                + "\"linkProblems\":2,\"error\":null},\"invocations\":2}";
        assertEquals(CHECKPOINT, CheckpointJson.read(old));
    }

    @Test
    void aNewerFormatIsRefusedNotMisread() {
        IOException e = assertThrows(IOException.class, () -> CheckpointJson.read("{\"format\":2,\"runId\":\"r\"}"));
        assertTrue(e.getMessage().contains("format 2"), e.getMessage());
    }
}
