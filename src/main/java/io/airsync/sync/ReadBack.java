package io.airsync.sync;

import io.airsync.airtable.AirtableDeadlineException;
import io.airsync.airtable.AirtableErrors;
import io.airsync.airtable.AirtableRecord;
import io.airsync.airtable.AirtableTable;
import io.airsync.airtable.AirtableValidationException;
import io.airsync.airtable.ListOptions;
import io.airsync.plan.AirtableIndex;
import io.airsync.plan.KnownRecord;
import io.airsync.state.RunCheckpoint;
import io.airsync.state.TableState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * One table's read-back (Airtable listed page by page, when the table has no state yet or on reconcile), resumable
 * across invocations: the rows read so far are kept (stored beside the table's state, as {@code <table>#read-back},
 * when the run stops) and Airtable's offset of the next page goes into the checkpoint; the next invocation goes on
 * from that offset. Airtable forgets offsets after minutes (LIST_RECORDS_ITERATOR_NOT_AVAILABLE): then the listing
 * starts again from the first page, keeping the rows already read (each record ID is kept once). After
 * {@value #MAX_STALLS} such stalls the read-back is cut: the table goes on with the rows read, with a warning.
 */
final class ReadBack {

    private static final Logger LOG = Logger.getLogger(ReadBack.class);

    /** How many forgotten offsets a read-back survives: the third cuts it. */
    static final int MAX_STALLS = 3;
    /** The state-store name of a table's stored read-back rows. */
    static final String SUFFIX = "#read-back";
    private static final char SEPARATOR = '\u001f';

    /** One Airtable row: its key field value (MongoDB id, or null), its normalised natural key (or null). */
    record Row(String mongoId, String naturalKey, KnownRecord known) {
    }

    /** Rows by Airtable record ID, in the order they were read. */
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private String offset;
    private int stalls;
    private boolean complete;
    private boolean cut;
    private final boolean completeAtStart;

    private ReadBack(RunCheckpoint.ReadBack progress) {
        if (progress != null) {
            offset = progress.offset();
            stalls = progress.stalls();
            complete = progress.complete();
            cut = progress.cut();
        }
        completeAtStart = complete || cut;
    }

    static ReadBack fresh() {
        return new ReadBack(null);
    }

    static String storeName(String table) {
        return table + SUFFIX;
    }

    /**
     * A read-back an earlier invocation left: its progress from the checkpoint and its rows from the store. Rows that
     * were not found (never saved, or unreadable) make it start again from the first page.
     */
    static ReadBack resumed(RunCheckpoint.ReadBack progress, TableState stored) {
        ReadBack r = new ReadBack(progress);
        if (!stored.exists()) {
            if (r.offset != null || r.complete || r.cut) {
                LOG.warnf("the stored read-back rows are missing%s; reading back from the first page",
                        stored.unreadable() == null ? "" : " (" + stored.unreadable() + ")");
            }
            return fresh();
        }
        stored.records().forEach((key, known) -> {
            int at = key.indexOf(SEPARATOR);
            if (at <= 0 || at + 1 >= key.length()) {
                return;
            }
            String recordId = key.substring(0, at);
            char kind = key.charAt(at + 1);
            String value = key.substring(at + 2);
            r.rows.put(recordId, new Row(kind == 'k' ? value : null, kind == 'n' ? value : null, known));
        });
        return r;
    }

    /** True when it was complete (or cut) before this invocation: its duplicates were reported then. */
    boolean completeAtStart() {
        return completeAtStart;
    }

    boolean done() {
        return complete || cut;
    }

    boolean cut() {
        return cut;
    }

    int rows() {
        return rows.size();
    }

    RunCheckpoint.ReadBack progress() {
        return new RunCheckpoint.ReadBack(offset, complete, stalls, cut);
    }

    /**
     * Reads pages until the listing ends, the read-back is cut, or {@code stop} says the run's time is spent (or the
     * Airtable layer refuses a page at the deadline).
     *
     * @return true when done (complete or cut), false when stopped by the deadline
     */
    boolean read(AirtableTable table, ListOptions options, Function<AirtableRecord, Row> toRow, BooleanSupplier stop,
            List<String> warnings) {
        while (!done()) {
            if (stop.getAsBoolean()) {
                return false;
            }
            AirtableTable.Page page;
            try {
                page = table.page(options, offset);
            } catch (AirtableDeadlineException late) {
                return false;
            } catch (AirtableValidationException e) {
                if (!AirtableErrors.iteratorExpired(e) || offset == null) {
                    throw e;
                }
                stalls++;
                offset = null;
                if (stalls >= MAX_STALLS) {
                    cut = true;
                    String warning = "the read-back of " + table.name() + " was cut after " + stalls + " times Airtable "
                            + "forgot the listing's offset (LIST_RECORDS_ITERATOR_NOT_AVAILABLE) with " + rows.size()
                            + " records read: records not read back are matched by key only (creates are upserts on "
                            + "the key field, so no duplicate), rows created by hand without a key may not be adopted";
                    LOG.warn(warning);
                    warnings.add(warning);
                    return true;
                }
                LOG.infof("Airtable forgot the offset of the read-back of %s (%d of %d); listing again from the first "
                        + "page, keeping the %d records read", table.name(), stalls, MAX_STALLS, rows.size());
                continue;
            }
            for (AirtableRecord rec : page.records()) {
                rows.putIfAbsent(rec.id(), toRow.apply(rec));
            }
            if (page.last()) {
                offset = null;
                complete = true;
            } else {
                offset = page.offset();
            }
        }
        return true;
    }

    /** The rows as an index (in the order read: the first of rows sharing a key wins). */
    AirtableIndex index() {
        AirtableIndex index = new AirtableIndex();
        rows.values().forEach(r -> index.add(r.mongoId(), r.naturalKey(), r.known()));
        return index;
    }

    /** Forgets the rows of these MongoDB ids (mirror mode deleted their records). */
    void removeKeys(Set<String> mongoIds) {
        if (!mongoIds.isEmpty()) {
            rows.values().removeIf(r -> r.mongoId() != null && mongoIds.contains(r.mongoId()));
        }
    }

    /** The rows in the state store's form (keys: record ID, a separator, the kind of key and its value). */
    TableState toState(List<String> fieldNames) {
        Map<String, KnownRecord> records = new ConcurrentHashMap<>();
        rows.forEach((recordId, r) -> records.put(recordId + SEPARATOR + (r.mongoId() != null ? "k" + r.mongoId()
                : r.naturalKey() != null ? "n" + r.naturalKey() : "-"), r.known()));
        return new TableState(fieldNames, records, true);
    }
}
