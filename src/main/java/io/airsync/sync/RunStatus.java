package io.airsync.sync;

import io.airsync.report.RunReport;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/** How a run ended. Summaries and reports carry {@link #wire()}: the lower-case name operators and alarms know. */
public enum RunStatus {
    /** Every table synced and no record failed. */
    SUCCEEDED,
    /** Some records failed, or some (not all) tables failed. */
    PARTIAL,
    /** The run could not proceed, or every table failed. */
    FAILED,
    /** Another invocation holds the lock, or a continuation arrived for a finished run: nothing touched. */
    SKIPPED,
    /** The time budget ran out: a checkpoint was saved and the next invocation continues. */
    CONTINUED,
    /** The payload was refused. */
    INVALID;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunStatus fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown run status '" + wire + "'"));
    }

    /** What the failure metric and its alarm count. */
    public boolean notSucceeded() {
        return this == PARTIAL || this == FAILED;
    }

    /** The rule for a run that got as far as its tables: continued wins, then a run error, then the tables' fate. */
    static RunStatus of(RunReport report, boolean continued) {
        if (continued) {
            return CONTINUED;
        }
        if (report.error != null) {
            return FAILED;
        }
        Collection<RunReport.TableReport> tables = report.tables.values();
        if (!tables.isEmpty() && tables.stream().allMatch(t -> TableStatus.fromWire(t.status) == TableStatus.FAILED)) {
            return FAILED;
        }
        boolean clean = tables.stream().allMatch(t -> TableStatus.fromWire(t.status) == TableStatus.SUCCEEDED && t.failed == 0);
        return clean ? SUCCEEDED : PARTIAL;
    }
}
