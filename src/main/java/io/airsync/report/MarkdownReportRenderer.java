package io.airsync.report;

import io.airsync.airtable.AirtableRequestStats;
import io.airsync.profile.FieldStats;
import io.airsync.profile.TextChanges;
import io.airsync.profile.ValueWarning;
import io.airsync.report.RunReport.FieldDiff;
import io.airsync.report.RunReport.PlannedChange;
import io.airsync.report.RunReport.RecordProblem;
import io.airsync.report.RunReport.TableReport;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link RunReport} as GitHub-readable markdown: the run's facts, a counts table per table, Airtable
 * requests, then per table its error, warnings, unmapped and missing fields, failures, problems and (dry run) sample
 * changes, then notes.
 *
 * <p>Values come from the report, which the engine fills with masked values; as a second line of defence every
 * message, record key, note and diff value also goes through {@link PiiMasker#text}. Cell text is escaped (pipes, newlines, markdown and
 * HTML characters) and long values are cut.
 */
public final class MarkdownReportRenderer {

    /** Longest message or value printed in full; longer ones are cut with an ellipsis. */
    static final int MAX_VALUE = 200;
    static final int MAX_MESSAGE = 500;

    private static final Set<String> NOT_REQUESTS = AirtableRequestStats.NOT_REQUEST_KINDS;

    private MarkdownReportRenderer() {
    }

    public static String render(RunReport report) {
        StringBuilder md = new StringBuilder(4096);
        header(md, report);
        valueWarnings(md, report);
        countsTable(md, report);
        requests(md, report);
        airtableUsage(md, report);
        for (TableReport table : report.tables.values()) {
            tableDetails(md, table, "dry-run".equals(report.mode));
        }
        if (!report.notes.isEmpty()) {
            md.append("## Notes\n\n");
            for (String note : report.notes) {
                md.append("- ").append(inline(PiiMasker.text(note), MAX_MESSAGE)).append('\n');
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static void header(StringBuilder md, RunReport report) {
        md.append("# Airsync run ").append(inline(report.runId, MAX_VALUE)).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "Status", "**" + inline(orDash(report.status), MAX_VALUE) + "**");
        row(md, "Mode", inline(orDash(report.mode), MAX_VALUE));
        row(md, "Started", report.startedAt == null ? "-"
                : report.startedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        row(md, "Duration", duration(report.durationMs));
        if (report.stateLocation != null) {
            row(md, "State", inline(report.stateLocation, MAX_VALUE));
        }
        md.append('\n');
        if (report.error != null && !report.error.isBlank()) {
            md.append("> **Error:** ").append(inline(PiiMasker.text(report.error), MAX_MESSAGE)).append("\n\n");
        }
    }

    /** First after the run's facts: values that contradict the mapping, which no count shows. */
    private static void valueWarnings(StringBuilder md, RunReport report) {
        List<ValueWarning> warnings = report.valueWarnings();
        if (warnings.isEmpty()) {
            return;
        }
        md.append("## Warnings: values that contradict the mapping\n\n");
        md.append("| Table | Field | Kind | Records | Of | What was seen | Examples (_id) |\n|---|---|---|--:|--:|---|---|\n");
        for (ValueWarning w : warnings) {
            md.append("| ").append(inline(w.table(), MAX_VALUE))
                    .append(" | ").append(inline(w.field(), MAX_VALUE))
                    .append(" | ").append(inline(w.kind().name() + (w.strict() ? " (strict: failed)" : ""), MAX_VALUE))
                    .append(" | ").append(number(w.count()))
                    .append(" | ").append(number(w.of()))
                    .append(" | ").append(inline(PiiMasker.text(w.message()), MAX_MESSAGE))
                    .append(" | ").append(inline(PiiMasker.text(String.join(", ", w.records())), MAX_VALUE))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void countsTable(StringBuilder md, RunReport report) {
        if (report.tables.isEmpty()) {
            return;
        }
        md.append("## Tables\n\n");
        md.append("| Table | Status | Source | Created | Updated | Unchanged | Deleted | Failed | Link problems | Requests "
                + "| Rate limited (429) | Retries |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        long[] totals = new long[10];
        for (TableReport t : report.tables.values()) {
            // Every request sent is counted once in Requests; 429s waited out and 5xx/reset/timeout retries besides.
            long[] counts = {t.sourceCount, t.created, t.updated, t.unchanged, t.deleted, t.failed, t.linkProblems,
                    requestTotal(t.requests), count(t.requests, "rateLimited"), count(t.requests, "retries")};
            md.append("| ").append(inline(t.name, MAX_VALUE)).append(" | ").append(inline(orDash(t.status), MAX_VALUE));
            for (int i = 0; i < counts.length; i++) {
                totals[i] += counts[i];
                md.append(" | ").append(number(counts[i]));
            }
            md.append(" |\n");
        }
        if (report.tables.size() > 1) {
            md.append("| **Total** | ");
            for (long total : totals) {
                md.append(" | ").append(number(total));
            }
            md.append(" |\n");
        }
        md.append('\n');
    }

    private static void airtableUsage(StringBuilder md, RunReport report) {
        AirtableUsage u = report.airtableUsage;
        if (u == null) {
            return;
        }
        md.append("## Airtable plan (").append(inline(u.month(), MAX_VALUE)).append(", UTC)\n\n| | Requests |\n|---|--:|\n");
        md.append("| This run | ").append(number(u.thisRun())).append(" |\n");
        md.append("| Month to date | ").append(number(u.monthToDate())).append(" |\n");
        md.append("| Projected to the month's end | ").append(number(u.projectedMonth())).append(" |\n");
        md.append("| Monthly budget | ").append(u.monthlyBudget() == null ? "none" : number(u.monthlyBudget())).append(" |\n");
        if (u.recordsPerBase() != null) {
            md.append("| Records per base (cap) | ").append(number(u.recordsPerBase())).append(" |\n");
        }
        if (u.plan() != null) {
            md.append("| Plan | ").append(inline(u.plan(), MAX_VALUE)).append(" |\n");
        }
        md.append('\n');
    }

    private static void requests(StringBuilder md, RunReport report) {
        if (report.requests == null || report.requests.isEmpty()) {
            return;
        }
        md.append("## Airtable requests\n\n| Kind | Count |\n|---|--:|\n");
        long total = 0;
        for (Map.Entry<String, Long> e : report.requests.entrySet()) {
            if (NOT_REQUESTS.contains(e.getKey())) {
                continue;
            }
            long count = e.getValue() == null ? 0 : e.getValue();
            total += count;
            md.append("| ").append(inline(e.getKey(), MAX_VALUE)).append(" | ").append(number(count)).append(" |\n");
        }
        md.append("| **Total** | **").append(number(total)).append("** |\n");
        md.append("| Rate limited (429) | ").append(number(report.requests.getOrDefault("rateLimited", 0L)))
                .append(" |\n");
        if (report.requests.containsKey("retries")) {
            md.append("| Retries | ").append(number(report.requests.get("retries"))).append(" |\n");
        }
        if (report.requests.containsKey(AirtableRequestStats.PENALTY_WAIT_MS)) {
            md.append("| Waited out 429 penalties | ").append(String.format(Locale.ROOT, "%.1f s",
                    report.requests.get(AirtableRequestStats.PENALTY_WAIT_MS) / 1000.0)).append(" |\n");
        }
        if (report.requests.containsKey(AirtableRequestStats.LOWEST_REQUESTS_PER_MINUTE)) {
            // Lower than configured only after a 429 that another client of the base caused.
            md.append("| Lowest pace (requests/s) | ").append(String.format(Locale.ROOT, "%.2f",
                    report.requests.get(AirtableRequestStats.LOWEST_REQUESTS_PER_MINUTE) / 60.0)).append(" |\n");
        }
        long roundTrips = report.requests.getOrDefault(AirtableRequestStats.ROUND_TRIPS, 0L);
        if (roundTrips > 0) {
            double meanMs = report.requests.getOrDefault(AirtableRequestStats.ROUND_TRIP_MS, 0L) / (double) roundTrips;
            long shortestMs = report.requests.getOrDefault(AirtableRequestStats.SHORTEST_ROUND_TRIP_MS, 0L);
            // Why a run on a slow or jittery network is slower than Airtable's rate: see RequestPacer.
            md.append("| Round trip to Airtable (mean / shortest) | ").append(String.format(Locale.ROOT,
                    "%.0f / %d ms", meanMs, shortestMs)).append(" |\n");
            md.append("| Share of Airtable's rate these round trips leave to a client that never draws a 429 | ")
                    .append(String.format(Locale.ROOT, "%.2f", AirtableRequestStats.safeShareOfRate(meanMs, shortestMs)))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void tableDetails(StringBuilder md, TableReport t, boolean dryRun) {
        boolean hasDetails = t.error != null || !t.warnings.isEmpty() || !t.unmappedSourceFields.isEmpty()
                || !t.missingAirtableFields.isEmpty() || !t.failures.isEmpty() || !t.problems.isEmpty()
                || !t.sampleChanges.isEmpty() || t.truncated > 0 || t.duplicates > 0 || t.failed > 0
                || !t.textChanges.isEmpty() || !t.fieldStats.isEmpty() || !t.optionsCreated.isEmpty();
        if (!hasDetails) {
            return;
        }
        md.append("## ").append(inline(t.name, MAX_VALUE)).append("\n\n");
        if (t.error != null && !t.error.isBlank()) {
            md.append("> **Error:** ").append(inline(PiiMasker.text(t.error), MAX_MESSAGE)).append("\n\n");
        }
        if (t.truncated > 0 || t.duplicates > 0) {
            md.append("Values cut to fit Airtable: ").append(number(t.truncated))
                    .append(". Records with a duplicate key: ").append(number(t.duplicates)).append(".\n\n");
        }
        if (!t.warnings.isEmpty()) {
            md.append("**Warnings**\n\n");
            for (String w : t.warnings) {
                md.append("- ").append(inline(PiiMasker.text(w), MAX_MESSAGE)).append('\n');
            }
            md.append('\n');
        }
        textChanges(md, t.textChanges);
        fieldList(md, "Source fields not mapped", t.unmappedSourceFields);
        fieldList(md, "Mapped fields missing in Airtable", t.missingAirtableFields);
        optionsCreated(md, t, dryRun);
        problemTable(md, "Failures", t.failures, t, true);
        problemTable(md, "Problems", t.problems, t, false);
        fieldStats(md, t.fieldStats);
        if (!t.sampleChanges.isEmpty()) {
            md.append("### Sample changes (dry run)\n\n");
            for (PlannedChange change : t.sampleChanges) {
                md.append("**").append(inline(orDash(change.action()), MAX_VALUE)).append("** ")
                        .append(inline(orDash(PiiMasker.text(change.recordKey())), MAX_VALUE)).append("\n\n");
                List<FieldDiff> diffs = change.diffs() == null ? List.of() : change.diffs();
                if (!diffs.isEmpty()) {
                    md.append("| Field | Before | After |\n|---|---|---|\n");
                    for (FieldDiff d : diffs) {
                        md.append("| ").append(inline(d.field(), MAX_VALUE))
                                .append(" | ").append(inline(PiiMasker.text(d.before()), MAX_VALUE))
                                .append(" | ").append(inline(PiiMasker.text(d.after()), MAX_VALUE))
                                .append(" |\n");
                    }
                    md.append('\n');
                }
            }
        }
    }

    /** The value profile, folded (GitHub shows a summary line to click). */
    private static void fieldStats(StringBuilder md, List<FieldStats> stats) {
        if (stats.isEmpty() || stats.stream().allMatch(s -> s.values() == 0)) {
            return;
        }
        md.append("<details><summary>Value profile (").append(stats.size()).append(" fields)</summary>\n\n");
        md.append("| Field | Type | Documents | Empty | Not convertible | Range |\n|---|---|--:|--:|--:|---|\n");
        for (FieldStats s : stats) {
            md.append("| ").append(inline(s.field(), MAX_VALUE))
                    .append(" | ").append(inline(s.type(), MAX_VALUE))
                    .append(" | ").append(number(s.values()))
                    .append(" | ").append(number(s.empty()))
                    .append(String.format(Locale.ROOT, " (%.0f%%)", 100 * s.emptyShare()))
                    .append(" | ").append(number(s.failed()))
                    .append(" | ").append(s.range() == null ? "" : inline(s.range(), MAX_VALUE))
                    .append(" |\n");
        }
        md.append("\n</details>\n\n");
    }

    private static void textChanges(StringBuilder md, List<TextChanges> changes) {
        if (changes.isEmpty()) {
            return;
        }
        md.append("**Text changed on the way to Airtable** (records per field)\n\n");
        md.append("| Field | Control characters removed | Cut to 100,000 characters | Arrays joined |\n|---|--:|--:|--:|\n");
        for (TextChanges c : changes) {
            md.append("| ").append(inline(c.field(), MAX_VALUE))
                    .append(" | ").append(number(c.controlCharactersRemoved()))
                    .append(" | ").append(number(c.truncated()))
                    .append(" | ").append(number(c.arraysJoined()))
                    .append(" |\n");
        }
        md.append('\n');
    }

    /** Select choices Airtable created (typecast) for this table: table, field, option. */
    private static void optionsCreated(StringBuilder md, TableReport t, boolean dryRun) {
        if (t.optionsCreated.isEmpty()) {
            return;
        }
        md.append(dryRun ? "### Select options a sync would create (" : "### Select options created (").append(number(t.optionsCreated.size())).append(")\n\n")
                .append("| Table | Field | Option |\n|---|---|---|\n");
        for (RunReport.OptionCreated o : t.optionsCreated) {
            md.append("| ").append(inline(t.name, MAX_VALUE))
                    .append(" | ").append(inline(o.field(), MAX_VALUE))
                    .append(" | ").append(inline(PiiMasker.text(o.option()), MAX_VALUE))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void fieldList(StringBuilder md, String title, List<String> fields) {
        if (fields.isEmpty()) {
            return;
        }
        md.append("**").append(title).append(":** ");
        for (int i = 0; i < fields.size(); i++) {
            md.append(i == 0 ? "" : ", ").append(inline(fields.get(i), MAX_VALUE));
        }
        md.append("\n\n");
    }

    /**
     * A table's failures (or problems): the true total, the count per error type, then the first
     * {@link RunReport#DETAIL_PER_KIND} of each type; every one of them is in the run's problems file.
     */
    private static void problemTable(StringBuilder md, String title, List<RecordProblem> shown, TableReport t,
            boolean failures) {
        Map<String, Long> perType = new java.util.LinkedHashMap<>();
        for (RecordProblem p : shown) {
            perType.putIfAbsent(String.valueOf(p.errorType()), t.count(String.valueOf(p.errorType()), failures));
        }
        long total = failures ? Math.max(t.failed, perType.values().stream().mapToLong(Long::longValue).sum())
                : perType.values().stream().mapToLong(Long::longValue).sum();
        if (total <= 0) {
            return;
        }
        md.append("### ").append(title).append(" (").append(number(total)).append(")\n\n");
        if (perType.size() > 1 || total > shown.size()) {
            md.append("| Error type | Records |\n|---|--:|\n");
            perType.forEach((type, n) -> md.append("| ").append(inline(type, MAX_VALUE)).append(" | ")
                    .append(number(n)).append(" |\n"));
            md.append('\n');
        }
        if (shown.isEmpty()) {
            return;
        }
        if (total > shown.size()) {
            md.append("The first ").append(RunReport.DETAIL_PER_KIND).append(" of each type; all ").append(number(total))
                    .append(" are in the problems file beside the summary (`problemsUri`).\n\n");
        }
        md.append("| Record | Field | Error type | Message |\n|---|---|---|---|\n");
        for (RecordProblem p : shown) {
            md.append("| ").append(inline(PiiMasker.text(p.recordKey()), MAX_VALUE))
                    .append(" | ").append(inline(p.field(), MAX_VALUE))
                    .append(" | ").append(inline(p.errorType(), MAX_VALUE))
                    .append(" | ").append(inline(PiiMasker.text(p.message()), MAX_MESSAGE))
                    .append(" |\n");
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static long count(Map<String, Long> requests, String key) {
        Long n = requests == null ? null : requests.get(key);
        return n == null ? 0 : n;
    }

    private static long requestTotal(Map<String, Long> requests) {
        if (requests == null) {
            return 0;
        }
        return requests.entrySet().stream()
                .filter(e -> !NOT_REQUESTS.contains(e.getKey()) && e.getValue() != null)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /**
     * Text safe inside a table cell or a list item: cut to {@code max} characters, then markdown and HTML characters
     * escaped and line breaks turned into {@code <br>}.
     */
    static String inline(String value, int max) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String s = cut(value, max);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '|', '*', '_', '`', '[', ']', '~', '#' -> out.append('\\').append(c);
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\r' -> {
                    out.append("<br>");
                    if (i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\n' -> out.append("<br>");
                case '\t' -> out.append(' ');
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String cut(String s, int max) {
        if (s.codePointCount(0, s.length()) <= max) {
            return s;
        }
        int end = s.offsetByCodePoints(0, max);
        return s.substring(0, end) + "… (" + number(s.codePointCount(0, s.length())) + " characters)";
    }

    static String duration(long ms) {
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
        }
        long seconds = ms / 1000;
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min %02d s", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
