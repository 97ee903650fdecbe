package io.airsync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.airtable.AirtableRequestStats;
import io.airsync.report.RunReport.FieldDiff;
import io.airsync.report.RunReport.PlannedChange;
import io.airsync.report.RunReport.RecordProblem;
import io.airsync.report.RunReport.TableReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarkdownReportRendererTest {

    private static RunReport sampleReport() {
        RunReport report = new RunReport("20240501T100000Z-ab12", Instant.parse("2024-05-01T10:00:00.789Z"), "dry-run");
        report.status = "partial";
        report.durationMs = 83_400;
        report.stateLocation = "DynamoDB table airsync-state";
        Map<String, Long> requests = new LinkedHashMap<>();
        requests.put("list", 12L);
        requests.put("upsert", 30L);
        requests.put("schema", 1L);
        requests.put("rateLimited", 2L);
        requests.put("retries", 3L);
        report.requests = requests;

        TableReport users = report.table("Users");
        users.status = "partial";
        users.sourceCount = 1234;
        users.created = 10;
        users.updated = 20;
        users.unchanged = 1200;
        users.failed = 0;
        users.linkProblems = 1;
        users.requests = new LinkedHashMap<>(Map.of("list", 5L, "upsert", 10L, "rateLimited", 2L, "retries", 4L));
        users.warnings.add("Field \"Phone\" is text in Airtable but number in the mapping");
        users.unmappedSourceFields.add("internal_notes");
        users.missingAirtableFields.add("Score");
        users.addFailure(new RecordProblem("507f1f77bcf86cd799439011", "Email", "INVALID_VALUE_FOR_COLUMN",
                "Cannot accept ana.perez@example.com | bad\nsecond line"));
        users.addProblem(new RecordProblem("507f1f77bcf86cd799439012", "Company", "LINK_TARGET_MISSING",
                "no Companies record for key c-9"));
        users.addSample(new PlannedChange("update", "507f1f77bcf86cd799439011", List.of(
                new FieldDiff("Phone", "+33 6 12 34 56 78", "+33 6 99 99 99 01"),
                new FieldDiff("Bio", null, "x".repeat(1000)))));

        TableReport events = report.table("Events");
        events.status = "succeeded";
        events.sourceCount = 5;
        events.unchanged = 5;
        report.notes.add("Messages skipped: not requested");
        return report;
    }

    @Test
    void rendersTheRunFactsAndTheCountsTable() {
        String md = MarkdownReportRenderer.render(sampleReport());

        assertTrue(md.startsWith("# Airsync run 20240501T100000Z-ab12\n"), md);
        assertTrue(md.contains("| Status | **partial** |"), md);
        assertTrue(md.contains("| Mode | dry-run |"), md);
        assertTrue(md.contains("| Started | 2024-05-01T10:00:00Z |"), md);
        assertTrue(md.contains("| Duration | 1 min 23 s |"), md);
        assertTrue(md.contains("| State | DynamoDB table airsync-state |"), md);
        assertTrue(md.contains("| Table | Status | Source | Created | Updated | Unchanged | Deleted | Failed "
                + "| Link problems | Requests | Rate limited (429) | Retries |"), md);
        assertTrue(md.contains("| Users | partial | 1,234 | 10 | 20 | 1,200 | 0 | 1 | 1 | 15 | 2 | 4 |"), md);
        assertTrue(md.contains("| Events | succeeded | 5 | 0 | 0 | 5 | 0 | 0 | 0 | 0 | 0 | 0 |"), md);
        assertTrue(md.contains("| **Total** |  | 1,239 | 10 | 20 | 1,205 | 0 | 1 | 1 | 15 | 2 | 4 |"), md);
    }

    @Test
    void rendersTheRoundTripsAndTheShareOfTheRateTheyLeave() {
        RunReport report = sampleReport();
        report.requests.put(AirtableRequestStats.ROUND_TRIPS, 40L);
        report.requests.put(AirtableRequestStats.ROUND_TRIP_MS, 18_000L);
        report.requests.put(AirtableRequestStats.SHORTEST_ROUND_TRIP_MS, 150L);
        String md = MarkdownReportRenderer.render(report);

        // Not request kinds: the total stays the requests sent.
        assertTrue(md.contains("| **Total** | **43** |"), md);
        assertTrue(md.contains("| Round trip to Airtable (mean / shortest) | 450 / 150 ms |"), md);
        // 1 s / (450 ms + 1 s - 150 ms)
        assertTrue(md.contains("| Share of Airtable's rate these round trips leave to a client that never draws a 429 "
                + "| 0.77 |"), md);
        assertFalse(MarkdownReportRenderer.render(sampleReport()).contains("Round trip"), "no round trips, no row");
    }

    @Test
    void rendersRequestsByKindAnd429s() {
        String md = MarkdownReportRenderer.render(sampleReport());

        assertTrue(md.contains("## Airtable requests"), md);
        assertTrue(md.contains("| list | 12 |\n| upsert | 30 |\n| schema | 1 |\n| **Total** | **43** |\n"
                + "| Rate limited (429) | 2 |\n| Retries | 3 |"), md);
    }

    @Test
    void rendersPerTableDetails() {
        String md = MarkdownReportRenderer.render(sampleReport());

        assertTrue(md.contains("## Users\n"), md);
        assertTrue(md.contains("- Field \"Phone\" is text in Airtable but number in the mapping"), md);
        assertTrue(md.contains("**Source fields not mapped:** internal\\_notes"), md);
        assertTrue(md.contains("**Mapped fields missing in Airtable:** Score"), md);
        assertTrue(md.contains("### Failures (1)"), md);
        assertTrue(md.contains("| Record | Field | Error type | Message |"), md);
        assertTrue(md.contains("| 507f1f77bcf86cd799439011 | Email | INVALID\\_VALUE\\_FOR\\_COLUMN | "), md);
        assertTrue(md.contains("### Problems (1)"), md);
        assertTrue(md.contains("| 507f1f77bcf86cd799439012 | Company | LINK\\_TARGET\\_MISSING | no Companies record"
                + " for key c-9 |"), md);
        assertTrue(md.contains("### Sample changes (dry run)"), md);
        assertTrue(md.contains("**update** 507f1f77bcf86cd799439011"), md);
        assertFalse(md.contains("## Events"), "a table with nothing to say gets no section:\n" + md);
        assertTrue(md.contains("## Notes\n\n- Messages skipped: not requested"), md);
    }

    @Test
    void anEmailInsideAnErrorMessageIsMasked() {
        String md = MarkdownReportRenderer.render(sampleReport());

        assertFalse(md.contains("ana.perez"), md);
        assertFalse(md.contains("example.com"), md);
        assertTrue(md.contains("Cannot accept a\\*\\*\\*@e\\*\\*\\*.com"), md);
    }

    @Test
    void anUnmaskedNaturalKeyIsMaskedToo() {
        RunReport report = sampleReport();
        report.table("Users").addProblem(new RecordProblem("bob.smith@corp.example.org", null, "DUPLICATE_KEY",
                "second record with this key"));
        report.notes.add("Call +1 202 555 0143 if this fails");

        String md = MarkdownReportRenderer.render(report);

        assertFalse(md.contains("bob.smith"), md);
        assertFalse(md.contains("555 0143"), md);
        assertTrue(md.contains("| b\\*\\*\\*@c\\*\\*\\*.org |  | DUPLICATE\\_KEY |"), md);
    }

    @Test
    void phoneNumbersInDiffValuesAreMasked() {
        String md = MarkdownReportRenderer.render(sampleReport());

        assertFalse(md.contains("12 34 56 78"), md);
        assertTrue(md.contains("| Phone | \\*\\*\\*78 | \\*\\*\\*01 |"), md);
    }

    @Test
    void pipesAndNewlinesInCellsAreEscapedAndLongValuesCut() {
        String md = MarkdownReportRenderer.render(sampleReport());

        assertTrue(md.contains(" \\| bad<br>second line |"), md);
        assertTrue(md.contains("| Bio |  | " + "x".repeat(MarkdownReportRenderer.MAX_VALUE) + "… (1,000 characters) |"),
                md);
        // Every row of a table has as many cell separators as its header row.
        long columns = -1;
        for (String line : md.split("\n")) {
            if (!line.startsWith("|")) {
                columns = -1;
            } else if (columns < 0) {
                columns = countCellSeparators(line);
            } else {
                assertEquals(columns, countCellSeparators(line), line);
            }
        }
    }

    @Test
    void errorsOfTheRunAndOfATableAreShown() {
        RunReport report = new RunReport("r", Instant.parse("2024-05-01T10:00:00Z"), "sync");
        report.status = "failed";
        report.error = "Airtable refused the token (401)";
        report.table("Users").error = "Mapping names field 'Emial' which is not in Airtable";

        String md = MarkdownReportRenderer.render(report);

        assertTrue(md.contains("> **Error:** Airtable refused the token (401)"), md);
        assertTrue(md.contains("## Users\n\n> **Error:** Mapping names field 'Emial' which is not in Airtable"), md);
    }

    @Test
    void everyKindIsCountedInFullAndItsFirstFewShownAndEveryProblemIsLogged() throws Exception {
        RunReport report = new RunReport("r", Instant.parse("2024-05-01T10:00:00Z"), "sync");
        TableReport users = report.table("Users");
        for (int i = 0; i < 750; i++) {
            users.addFailure(new RecordProblem("id-" + i, "Name", "CONVERSION", "bad"));
        }
        for (int i = 0; i < 5; i++) {
            users.addFailure(new RecordProblem("late-" + i, "Email", "INVALID_VALUE_FOR_COLUMN", "refused"));
        }
        for (int i = 0; i < 6; i++) {
            users.addProblem(new RecordProblem("msg-" + i, "User", "LINK_TARGET_MISSING", "no Users record"));
        }

        String md = MarkdownReportRenderer.render(report);

        assertTrue(md.contains("### Failures (755)\n\n| Error type | Records |\n|---|--:|\n| CONVERSION | 750 |\n"
                + "| INVALID\\_VALUE\\_FOR\\_COLUMN | 5 |"), md);
        assertTrue(md.contains("The first 5 of each type; all 755 are in the problems file"), md);
        assertTrue(md.contains("| id-4 |") && !md.contains("| id-5 |"), "the first few of a kind: " + md);
        assertTrue(md.contains("| late-4 |"), "a later kind is shown too: " + md);
        assertTrue(md.contains("### Problems (6)"), md);
        assertTrue(md.contains("| msg-4 |") && !md.contains("| msg-5 |"), md);
        assertEquals(750, report.table("Users").summary().failuresByType().get("CONVERSION"));
        assertEquals(6, report.table("Users").summary().problemsByType().get("LINK_TARGET_MISSING"));

        java.nio.file.Path file = report.problemLog.finish();
        try {
            List<String> lines = java.nio.file.Files.readAllLines(file);
            assertEquals(761, lines.size(), "every failure and problem is in the problems file");
            assertEquals("{\"table\":\"Users\",\"outcome\":\"problem\",\"record\":\"msg-5\",\"field\":\"User\","
                    + "\"type\":\"LINK_TARGET_MISSING\",\"message\":\"no Users record\"}", lines.get(760));
        } finally {
            report.problemLog.close();
        }
        assertFalse(java.nio.file.Files.exists(file), "the temporary file is removed");
    }

    @Test
    void formatsDurations() {
        assertEquals("850 ms", MarkdownReportRenderer.duration(850));
        assertEquals("12.3 s", MarkdownReportRenderer.duration(12_345));
        assertEquals("4 min 05 s", MarkdownReportRenderer.duration(245_000));
        assertEquals("1 h 02 min 03 s", MarkdownReportRenderer.duration(3_723_000));
    }

    /** Unescaped pipes: the cell separators GitHub sees. */
    private static long countCellSeparators(String line) {
        long count = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\\') {
                i++;
            } else if (line.charAt(i) == '|') {
                count++;
            }
        }
        return count;
    }
}
