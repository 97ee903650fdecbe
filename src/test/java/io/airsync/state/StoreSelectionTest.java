package io.airsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.airsync.report.FileReportStore;
import io.airsync.report.ReportStore;
import io.airsync.report.ReportStoreProducer;
import io.airsync.report.S3ReportStore;
import io.airsync.testing.AirsyncTestConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The producers pick AWS stores only when their setting is present, and touch no AWS client while choosing. */
class StoreSelectionTest {

    @Test
    void filesWhenNothingIsConfigured() {
        var config = AirsyncTestConfig.of(Map.of("airsync.local.dir", "/tmp/airsync-data"));

        StateBackend state = StateStoreProducer.create(config, () -> {
            throw new AssertionError("no DynamoDB client for a local run");
        }, Clock.systemUTC());
        ReportStore reports = ReportStoreProducer.create(config, () -> {
            throw new AssertionError("no S3 client for a local run");
        });

        assertInstanceOf(FileStateStore.class, state);
        assertEquals("folder " + Path.of("/tmp/airsync-data/state"), state.describe());
        assertInstanceOf(FileReportStore.class, reports);
        assertEquals(Path.of("/tmp/airsync-data/reports/1970/01/01/19700101T000000Z-r.md").toString(),
                reports.locate("r", java.time.Instant.EPOCH).reportUri());
    }

    @Test
    void dynamoDbAndS3WhenTheirSettingsArePresent() {
        var config = AirsyncTestConfig.of(Map.of("airsync.state.table", "airsync-state",
                "airsync.report.bucket", "airsync-reports", "airsync.report.prefix", "runs"));

        StateBackend state = StateStoreProducer.create(config, () -> {
            throw new AssertionError("the client is built on first use only");
        }, Clock.systemUTC());
        ReportStore reports = ReportStoreProducer.create(config, () -> {
            throw new AssertionError("the client is built on first use only");
        });

        assertInstanceOf(DynamoDbStateStore.class, state);
        assertEquals("DynamoDB table airsync-state", state.describe());
        assertInstanceOf(S3ReportStore.class, reports);
        assertEquals("s3://airsync-reports/runs/2024/05/01/20240501T100000Z-r.md",
                reports.locate("r", java.time.Instant.parse("2024-05-01T10:00:00Z")).reportUri());
    }

    @Test
    void blankSettingsCountAsUnset() {
        var config = AirsyncTestConfig.of(Map.of("airsync.state.table", " ", "airsync.report.bucket", " "));
        assertInstanceOf(FileStateStore.class, StateStoreProducer.create(config, () -> null, Clock.systemUTC()));
        assertInstanceOf(FileReportStore.class, ReportStoreProducer.create(config, () -> null));
    }
}
