package io.airsync.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Where a run's report goes, the same for S3 keys and local paths: {@code <prefix>YYYY/MM/DD/<yyyyMMdd'T'HHmmss'Z'>-
 * <runId>.md} and {@code .json}, plus {@code <prefix>latest.md} and {@code <prefix>latest.json}. Dates are UTC.
 */
public final class ReportKeys {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String prefix;

    /** A non-empty prefix gets a trailing "/" if it lacks one; a leading "/" is dropped. */
    public ReportKeys(String prefix) {
        String p = prefix == null ? "" : prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    public String prefix() {
        return prefix;
    }

    public String datedReport(String runId, Instant startedAt) {
        return dated(runId, startedAt) + ".md";
    }

    public String datedSummary(String runId, Instant startedAt) {
        return dated(runId, startedAt) + ".json";
    }

    public String datedProblems(String runId, Instant startedAt) {
        return dated(runId, startedAt) + ".problems.jsonl";
    }

    public String latestReport() {
        return prefix + "latest.md";
    }

    public String latestSummary() {
        return prefix + "latest.json";
    }

    private String dated(String runId, Instant startedAt) {
        return prefix + DAY.format(startedAt) + "/" + STAMP.format(startedAt) + "-" + safe(runId);
    }

    /** Run IDs are ours, but keep keys and file names clean whatever they hold. */
    private static String safe(String runId) {
        String s = runId == null || runId.isBlank() ? "run" : runId.strip();
        return s.replaceAll("[^A-Za-z0-9._-]", "-");
    }
}
