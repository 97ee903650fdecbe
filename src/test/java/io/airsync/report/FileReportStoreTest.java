package io.airsync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReportStoreTest {

    @TempDir
    Path dir;

    @Test
    void storesTheDatedReportAndSummaryAndLatest() throws IOException {
        FileReportStore store = new FileReportStore(dir, "reports");
        store.verifyAccess();
        Instant startedAt = Instant.parse("2024-12-31T23:59:59Z");

        ReportStore.StoredReport stored = store.store("run/1", startedAt, "# report ✓\n", "{}");

        Path base = dir.resolve("reports/2024/12/31/20241231T235959Z-run-1");
        assertEquals(base + ".md", stored.reportUri());
        assertEquals(base + ".json", stored.summaryUri());
        assertEquals(stored, store.locate("run/1", startedAt));
        assertEquals("# report ✓\n", Files.readString(Path.of(stored.reportUri())));
        assertEquals("{}", Files.readString(Path.of(stored.summaryUri())));
        assertEquals("# report ✓\n", Files.readString(dir.resolve("reports/latest.md")));
        assertEquals("{}", Files.readString(dir.resolve("reports/latest.json")));

        store.store("run-2", startedAt.plusSeconds(1), "# second\n", "{\"n\":2}");
        assertEquals("# second\n", Files.readString(dir.resolve("reports/latest.md")));
        assertEquals("{\"n\":2}", Files.readString(dir.resolve("reports/latest.json")));
        assertTrue(Files.exists(dir.resolve("reports/2025/01/01/20250101T000000Z-run-2.md")));
        try (var files = Files.walk(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")));
        }
    }

    @Test
    void anUnusableFolderIsNamed() throws IOException {
        Path file = dir.resolve("file");
        Files.writeString(file, "x");
        FileReportStore store = new FileReportStore(file, "reports/");

        ReportStoreException e = assertThrows(ReportStoreException.class, store::verifyAccess);

        assertTrue(e.getMessage().contains(file.resolve("reports").toString()), e.getMessage());
    }

    @Test
    void keysNormaliseThePrefix() {
        Instant t = Instant.parse("2024-05-01T10:00:00Z");
        assertEquals("reports/2024/05/01/20240501T100000Z-r.md", new ReportKeys("/reports").datedReport("r", t));
        assertEquals("2024/05/01/20240501T100000Z-r.json", new ReportKeys("").datedSummary("r", t));
        assertEquals("a/b/latest.md", new ReportKeys("a/b/").latestReport());
    }
}
