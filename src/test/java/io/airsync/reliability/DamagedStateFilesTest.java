package io.airsync.reliability;

import io.airsync.testing.reliability.ReliabilityStack;
import io.airsync.testing.reliability.RunReportFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@link DamagedStateTestBase} with state in local files (truncated, changed, garbage state files). */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
class DamagedStateFilesTest extends DamagedStateTestBase {

    @Override
    void damage(String table, Damage damage) {
        Path file = ReliabilityStack.LOCAL_DIR.resolve("state").resolve("tables")
                .resolve(URLEncoder.encode(table, StandardCharsets.UTF_8) + ".state");
        try {
            Files.write(file, damaged(Files.readAllBytes(file), damage));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    void putRawCheckpoint(String json) {
        try {
            Files.writeString(ReliabilityStack.LOCAL_DIR.resolve("state").resolve("checkpoint.json"), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    String report(JsonPath run) {
        return RunReportFiles.report(run);
    }
}
