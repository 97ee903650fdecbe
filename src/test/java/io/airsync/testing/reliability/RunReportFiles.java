package io.airsync.testing.reliability;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reading what a run left behind: its markdown report (local file store) and the counts in it. */
public final class RunReportFiles {

    private RunReportFiles() {
    }

    /** The markdown report of a run, as stored (escapes kept). */
    public static String rawReport(JsonPath summary) {
        String uri = summary.getString("reportUri");
        if (uri == null) {
            throw new AssertionError("the run stored no report: " + summary.prettify());
        }
        try {
            return Files.readString(Path.of(uri));
        } catch (IOException e) {
            throw new AssertionError("report not readable at " + uri, e);
        }
    }

    /** The run's problems file (every failure and problem, JSON lines), or "" when the run had none. */
    public static String problems(JsonPath summary) {
        String uri = summary.getString("problemsUri");
        if (uri == null) {
            return "";
        }
        try {
            return Files.readString(Path.of(uri));
        } catch (IOException e) {
            throw new AssertionError("problems file not readable at " + uri, e);
        }
    }

    /** The report as a reader sees it (markdown's backslash escapes removed). */
    public static String report(JsonPath summary) {
        return rawReport(summary).replace("\\", "");
    }

    /**
     * The cells of one row of the report's "Tables" counts table ({@code table} or "**Total**"), by column name:
     * Source, Created, Updated, Unchanged, Deleted, Failed, Link problems, Requests, Rate limited (429), Retries.
     */
    public static Map<String, Long> tableRow(String report, String table) {
        List<String> lines = report.lines().toList();
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("| Table | Status |")) {
                header = i;
                break;
            }
        }
        if (header < 0) {
            throw new AssertionError("no counts table in the report:\n" + report);
        }
        List<String> columns = cells(lines.get(header));
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> row = cells(lines.get(i));
            if (row.get(0).equals(table)) {
                Map<String, Long> out = new java.util.LinkedHashMap<>();
                for (int c = 2; c < columns.size(); c++) {
                    out.put(columns.get(c), Long.parseLong(row.get(c).replace(",", "")));
                }
                return out;
            }
        }
        throw new AssertionError("no row for " + table + " in the report:\n" + report);
    }

    private static List<String> cells(String line) {
        String inner = line.strip();
        inner = inner.substring(1, inner.length() - 1);
        return Arrays.stream(inner.split("(?<!\\\\)\\|", -1)).map(String::strip).toList();
    }
}
