package io.airsync.sync;

import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.FieldType;
import io.airsync.mapping.TableMapping;
import io.airsync.report.PiiMasker;
import io.airsync.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The dry run's sample of planned changes, with every value masked before it reaches the report. */
final class DryRunSampler {

    private final TableMapping table;
    private final RunReport.TableReport report;

    DryRunSampler(TableMapping table, RunReport.TableReport report) {
        this.table = table;
        this.report = report;
    }

    /** {@code action}: create, update, adopt or delete; {@code recordId} null for a create. */
    void sample(String action, String mongoId, Map<String, Object> fields, String recordId) {
        List<RunReport.FieldDiff> diffs = new ArrayList<>();
        fields.forEach((name, value) -> diffs.add(new RunReport.FieldDiff(name, recordId == null ? "" : "(changed)",
                masked(name, value))));
        report.addSample(new RunReport.PlannedChange(action, mongoId, diffs));
    }

    /**
     * A value for the sample, masked before it is cut (a cut address would escape the e-mail pattern): e-mail and
     * phone fields by their type, fields whose name says "name" as initials, other text for the addresses and
     * numbers it holds.
     */
    String masked(String field, Object value) {
        if (value == null) {
            return "(empty)";
        }
        String s = String.valueOf(value);
        FieldType type = table.field(field).map(FieldMapping::type).orElse(null);
        String m = type == FieldType.EMAIL ? PiiMasker.email(s)
                : type == FieldType.PHONE_NUMBER ? PiiMasker.phone(s)
                : field.toLowerCase(Locale.ROOT).contains("name") ? PiiMasker.name(s)
                : PiiMasker.text(s);
        return abbreviate(m);
    }

    static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
