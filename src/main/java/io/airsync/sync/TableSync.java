package io.airsync.sync;

import com.mongodb.client.MongoDatabase;
import io.airsync.airtable.AirtableBase;
import io.airsync.airtable.AirtableRecord;
import io.airsync.airtable.AirtableRequestStats;
import io.airsync.airtable.AirtableTable;
import io.airsync.airtable.BaseSchema;
import io.airsync.airtable.ListOptions;
import io.airsync.airtable.WriteOptions;
import io.airsync.convert.DocumentPaths;
import io.airsync.convert.Fingerprints;
import io.airsync.convert.ValueConverter;
import io.airsync.convert.ValueNormalizer;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.FieldType;
import io.airsync.mapping.MirrorMode;
import io.airsync.mapping.TableMapping;
import io.airsync.plan.AirtableIndex;
import io.airsync.plan.Decision;
import io.airsync.plan.DocumentConverter;
import io.airsync.plan.KnownRecord;
import io.airsync.plan.SourceRecord;
import io.airsync.plan.TablePlanner;
import io.airsync.report.PiiMasker;
import io.airsync.report.RunReport;
import io.airsync.source.MongoSourceReader;
import io.airsync.source.SourceId;
import io.airsync.state.TableState;
import io.airsync.write.TableWriter;
import io.airsync.write.WriteListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonValue;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * One table of one run: check the Airtable schema, load state (or read Airtable back when there is none, or on
 * reconcile), stream the source through conversion and planning, write what changed, apply mirror mode, and save the
 * new state. Stops cleanly between documents when the run's budget is spent.
 */
final class TableSync {

    private static final Logger LOG = Logger.getLogger(TableSync.class);
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    /** What the table sync needs from its run. */
    record Context(
            String runId,
            boolean dryRun,
            boolean reconcile,
            RunBudget budget,
            AirtableBase base,
            BaseSchema schema,
            MongoDatabase db,
            MongoSourceReader reader,
            ValueConverter converter,
            ValueNormalizer normalizer,
            ExecutorService writerPool,
            int maxInFlight,
            int batchSize,
            int progressEvery,
            DocumentConverter.LinkTargets links) {
    }

    /** How the table ended: finished, or stopped by the budget after {@code lastId} (typed; null: none handled). */
    record Outcome(boolean finished, BsonValue lastId, Map<String, KnownRecord> records) {
    }

    private final TableMapping table;
    private final Context ctx;
    private final RunReport.TableReport report;
    private final List<String> fieldNames;
    /** Select options in Airtable, by mapped field index (filled by {@link #checkSchema}). */
    private final Map<Integer, Set<String>> choices = new java.util.HashMap<>();

    TableSync(TableMapping table, Context ctx, RunReport.TableReport report) {
        this.table = table;
        this.ctx = ctx;
        this.report = report;
        this.fieldNames = table.fields().stream().map(FieldMapping::airtable).toList();
    }

    List<String> fieldNames() {
        return fieldNames;
    }

    /**
     * Fails the table (by exception) when Airtable lacks it, the key field or a mapped field, or when a field's type
     * cannot take the mapped values (retyped, computed); warns about doubtful types that still fit. Remembers the
     * select options Airtable has, so values it would refuse are failed here rather than sent.
     */
    void checkSchema() {
        BaseSchema.TableSchema ts = ctx.schema().table(table.airtableTable()).orElseThrow(() -> new TableFailure(
                "Airtable table '" + table.airtableTable() + "' does not exist in base " + ctx.base().id()
                        + " (renamed or deleted?)"));
        List<String> missing = new ArrayList<>();
        List<String> incompatible = new ArrayList<>();
        ts.field(table.keyField()).ifPresentOrElse(
                key -> SchemaCompatibility.keyIncompatibility(table.keyField(), key).ifPresent(incompatible::add),
                () -> missing.add(table.keyField() + " (key field)"));
        for (int i = 0; i < table.fields().size(); i++) {
            FieldMapping f = table.fields().get(i);
            int index = i;
            ts.field(f.airtable()).ifPresentOrElse(fs -> {
                SchemaCompatibility.check(f, fs).ifPresent(report.warnings::add);
                SchemaCompatibility.incompatibility(f, fs).ifPresent(incompatible::add);
                selectChoices(fs).ifPresent(choices -> this.choices.put(index, choices));
            }, () -> missing.add(f.airtable()));
        }
        if (!missing.isEmpty()) {
            report.missingAirtableFields.addAll(missing);
            throw new TableFailure("mapped field" + (missing.size() > 1 ? "s" : "") + " missing in Airtable table '"
                    + ts.name() + "': " + String.join(", ", missing));
        }
        if (!incompatible.isEmpty()) {
            throw new TableFailure(String.join("; ", incompatible) + " in Airtable table '" + ts.name()
                    + "': Airtable would refuse the values (retyped? fix the field or the mapping)");
        }
    }

    /** The option names of a select field as Airtable has them; empty for other fields. */
    @SuppressWarnings("unchecked")
    private static java.util.Optional<Set<String>> selectChoices(BaseSchema.FieldSchema fs) {
        if (!fs.type().equals("singleSelect") && !fs.type().equals("multipleSelects") || fs.options() == null
                || !(fs.options().get("choices") instanceof List<?> list)) {
            return java.util.Optional.empty();
        }
        Set<String> names = new java.util.HashSet<>();
        for (Object choice : list) {
            if (choice instanceof Map<?, ?> m && m.get("name") != null) {
                names.add(String.valueOf(m.get("name")));
            }
        }
        return java.util.Optional.of(names);
    }

    /**
     * The first value about to be written that is not one of its select field's options in Airtable (writes do not
     * typecast, so Airtable would refuse the record): "field\u0000value", or null.
     */
    private String missingOption(Map<String, Object> fields) {
        for (Map.Entry<Integer, Set<String>> c : choices.entrySet()) {
            String name = fieldNames.get(c.getKey());
            Object value = fields.get(name);
            List<?> values = value instanceof List<?> l ? l : value == null ? List.of() : List.of(value);
            for (Object v : values) {
                if (v != null && !c.getValue().contains(String.valueOf(v))) {
                    return name + "\u0000" + v;
                }
            }
        }
        return null;
    }

    Outcome run(TableState state, BsonValue afterId) {
        AirtableTable airtable = ctx.base().table(table.airtableTable());
        Map<String, Long> before = ctx.base().stats().snapshot();
        try {
            return sync(airtable, state, afterId);
        } finally {
            Map<String, Long> delta = AirtableRequestStats.delta(before, ctx.base().stats().snapshot());
            delta.forEach((k, v) -> report.requests.merge(k, v, Long::sum));
        }
    }

    private Outcome sync(AirtableTable airtable, TableState state, BsonValue afterId) {
        List<Document> sample = new ArrayList<>();
        report.unmappedSourceFields.addAll(ctx.reader().unmappedFields(ctx.db(), table, sample));
        for (String path : DocumentPaths.unmatchedPaths(table, sample)) {
            report.warnings.add("source path '" + path + "' matched nothing in a sample of " + sample.size() + " documents");
        }

        AirtableIndex index = null;
        if (ctx.reconcile() || !state.exists()) {
            index = readAirtable(airtable);
        }
        if (index != null && ctx.reconcile()) {
            // Airtable is the truth on reconcile (the planner compares with it): forget records no longer there.
            state.records().keySet().retainAll(index.keyed().keySet());
        }
        TablePlanner planner = new TablePlanner(fieldNames, table.keyField(), state.records(), index);
        DocumentConverter converter = new DocumentConverter(table, ctx.converter(), ctx.normalizer(), ctx.links());

        // Writes land in the state itself, from writer threads (a concurrent map): one copy of the table's state in
        // memory, not two. Each id is planned once per run, before its own write, so the planner's reads stay valid.
        Map<String, KnownRecord> written = state.records() instanceof ConcurrentHashMap<String, KnownRecord> concurrent
                ? concurrent : new ConcurrentHashMap<>(state.records());
        Set<String> removed = ConcurrentHashMap.newKeySet();
        Counters counters = new Counters();
        TableWriter writer = ctx.dryRun() ? null : new TableWriter(airtable, table.keyField(), ctx.writerPool(),
                ctx.maxInFlight(), new Listener(planner, written, counters), planner::createFields);

        // The raw _id of the last document handled (typed once, at the end): where a continued run picks up.
        Object[] last = {afterId};
        boolean[] stopped = {false};
        long[] progress = {0, System.nanoTime()};
        ctx.reader().read(ctx.db(), table, afterId, ctx.batchSize(), doc -> {
            if (ctx.budget().spent()) {
                stopped[0] = true;
                return false;
            }
            report.sourceCount++;
            last[0] = doc.get("_id");
            SourceRecord r;
            try {
                r = converter.convert(doc);
            } catch (RuntimeException e) {
                // A document that cannot even be keyed (an _id of a type no key can hold) fails alone.
                fail(String.valueOf(doc.get("_id")), "_id", "INVALID_ID", e.getMessage());
                return true;
            }
            r.problems().forEach(p -> problem(r.mongoId(), p));
            Decision d = planner.decide(r, p -> problem(r.mongoId(), p));
            String missingOption = d instanceof Decision.Create c ? missingOption(c.fields())
                    : d instanceof Decision.Update u ? missingOption(u.fields()) : null;
            if (missingOption != null) {
                String[] fieldAndValue = missingOption.split("\u0000", 2);
                d = new Decision.Fail(r.mongoId(), new SourceRecord.Problem(fieldAndValue[0], "SELECT_OPTION_MISSING",
                        "'" + abbreviate(fieldAndValue[1]) + "' is not an option of this field in Airtable (removed or "
                                + "renamed?); the record is not sent"));
            }
            if (d instanceof Decision.Create c) {
                if (writer == null) {
                    report.created++;
                    sample("create", r.mongoId(), c.fields(), null);
                } else {
                    writer.create(r, c.fields());
                }
            } else if (d instanceof Decision.Update u) {
                if (writer == null) {
                    report.updated++;
                    sample(u.adopted() ? "adopt" : "update", r.mongoId(), u.fields(), u.recordId());
                } else {
                    writer.update(r, u.recordId(), u.fields());
                }
            } else if (d instanceof Decision.Unchanged) {
                report.unchanged++;
                KnownRecord k = planner.known(r.mongoId());
                if (k != null && (ctx.reconcile() || !state.records().containsKey(r.mongoId()))) {
                    // Read back from Airtable: what it holds becomes the state.
                    written.put(r.mongoId(), k);
                }
            } else if (d instanceof Decision.Fail f) {
                fail(r.mongoId(), f.reason().field(), f.reason().type(), f.reason().message());
            }
            if (writer != null && writer.fatal() != null) {
                return false;
            }
            if (++progress[0] % ctx.progressEvery() == 0 || System.nanoTime() - progress[1] > PROGRESS_NANOS) {
                progress[1] = System.nanoTime();
                LOG.infof("%s: %d documents read, %d queued to write, %d failed", table.name(), report.sourceCount,
                        counters.queued(report), report.failed);
            }
            return true;
        });
        if (writer != null) {
            writer.flush();
            if (writer.fatal() != null) {
                throw new TableFailure("Airtable refused writes to " + table.airtableTable() + ": "
                        + writer.fatal().status() + " " + writer.fatal().type());
            }
        }
        report.created += counters.created.get();
        report.updated += counters.updated.get();

        if (!stopped[0] && table.mirror().mode() != MirrorMode.off) {
            mirror(airtable, state, index, written, removed);
        }

        Map<String, KnownRecord> records = written;
        removed.forEach(records::remove);
        LOG.infof("%s: %s after %d documents (%d created, %d updated, %d unchanged, %d deleted, %d failed)",
                table.name(), stopped[0] ? "stopped by the time budget" : "done", report.sourceCount, report.created,
                report.updated, report.unchanged, report.deleted, report.failed);
        return new Outcome(!stopped[0], last[0] == null ? null : SourceId.of(last[0]), records);
    }

    private AirtableIndex readAirtable(AirtableTable airtable) {
        AirtableIndex index = new AirtableIndex();
        List<String> fields = new ArrayList<>(fieldNames);
        fields.add(table.keyField());
        int nk = table.naturalKey() == null ? -1 : table.indexOf(table.naturalKey().field());
        airtable.forEachPage(ListOptions.all().withFields(fields), page -> {
            for (AirtableRecord rec : page) {
                Map<String, Object> f = rec.fields() == null ? Map.of() : rec.fields();
                Object key = f.get(table.keyField());
                String naturalKey = nk < 0 || f.get(fieldNames.get(nk)) == null ? null
                        : table.naturalKey().normalize().apply(String.valueOf(f.get(fieldNames.get(nk))));
                KnownRecord known = Fingerprints.fingerprint(rec.id(), table, f, ctx.normalizer());
                String mongoId = key == null || String.valueOf(key).isBlank() ? null : String.valueOf(key).strip();
                index.add(mongoId, naturalKey, known);
            }
        });
        for (String dup : index.duplicateKeyRecords()) {
            report.duplicates++;
            report.addProblem(new RunReport.RecordProblem(dup, table.keyField(), "DUPLICATE_KEY",
                    "another Airtable record carries the same key; this one is left alone"));
        }
        return index;
    }

    private void mirror(AirtableTable airtable, TableState state, AirtableIndex index, Map<String, KnownRecord> written,
            Set<String> removed) {
        // Only the ids are copied (the records stay where they are): memory for a set of references.
        Set<String> ids = new java.util.HashSet<>(written.keySet());
        if (index != null) {
            ids.addAll(index.keyed().keySet());
        }
        ctx.reader().readIds(ctx.db(), table, ctx.batchSize(), id -> {
            try {
                ids.remove(DocumentConverter.mongoId(id));
            } catch (RuntimeException unkeyable) {
                // An _id no key can hold has no Airtable record (it failed when read): nothing to keep.
            }
        });
        if (ids.isEmpty()) {
            return;
        }
        Map<String, KnownRecord> known = new LinkedHashMap<>();
        for (String id : ids) {
            KnownRecord k = written.containsKey(id) ? written.get(id) : index.keyed().get(id);
            known.put(id, k);
        }
        if (ctx.dryRun()) {
            report.deleted += known.size();
            known.keySet().stream().limit(5).forEach(id -> sample("delete", id, Map.of(), known.get(id).recordId()));
            return;
        }
        if (table.mirror().mode() == MirrorMode.flag) {
            List<AirtableRecord> flags = known.values().stream()
                    .map(k -> new AirtableRecord(k.recordId(), null, Map.of(table.mirror().flagField(), true))).toList();
            airtable.update(flags, WriteOptions.DEFAULT);
            report.deleted += flags.size();
            return;
        }
        Counters counters = new Counters();
        TableWriter deleter = new TableWriter(airtable, table.keyField(), ctx.writerPool(), ctx.maxInFlight(),
                new WriteListener() {
                    public void written(String mongoId, String recordId, Outcome outcome, SourceRecord record) {
                        removed.add(mongoId);
                        counters.deleted.incrementAndGet();
                    }

                    public void failed(String mongoId, String field, String type, String message) {
                        fail(mongoId, field, type, message);
                    }
                });
        known.forEach((mongoId, k) -> deleter.delete(mongoId, k.recordId()));
        deleter.flush();
        report.deleted += counters.deleted.get();
    }

    private void fail(String mongoId, String field, String type, String message) {
        synchronized (report) {
            report.addFailure(new RunReport.RecordProblem(mongoId, field, type, PiiMasker.messageWithValues(message)));
        }
    }

    private void problem(String mongoId, SourceRecord.Problem p) {
        if ("LINK_TARGET_MISSING".equals(p.type())) {
            report.linkProblems++;
        } else if ("TEXT_TRUNCATED".equals(p.type())) {
            report.truncated++;
        } else if (p.type().startsWith("DUPLICATE") || p.type().startsWith("AMBIGUOUS")) {
            report.duplicates++;
        }
        report.addProblem(new RunReport.RecordProblem(mongoId, p.field(), p.type(), PiiMasker.messageWithValues(p.message())));
    }

    private void sample(String action, String mongoId, Map<String, Object> fields, String recordId) {
        List<RunReport.FieldDiff> diffs = new ArrayList<>();
        fields.forEach((name, value) -> diffs.add(new RunReport.FieldDiff(name, recordId == null ? "" : "(changed)",
                masked(name, value))));
        report.addSample(new RunReport.PlannedChange(action, mongoId, diffs));
    }

    /**
     * A value for the dry run's sample, masked before it is cut (a cut address would escape the e-mail pattern):
     * e-mail and phone fields by their type, fields whose name says "name" as initials, other text for the
     * addresses and numbers it holds.
     */
    private String masked(String field, Object value) {
        if (value == null) {
            return "(empty)";
        }
        String s = String.valueOf(value);
        FieldType type = table.field(field).map(FieldMapping::type).orElse(null);
        String m = type == FieldType.EMAIL ? PiiMasker.email(s)
                : type == FieldType.PHONE_NUMBER ? PiiMasker.phone(s)
                : field.toLowerCase(java.util.Locale.ROOT).contains("name") ? PiiMasker.name(s)
                : PiiMasker.text(s);
        return abbreviate(m);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static final class Counters {
        final AtomicLong created = new AtomicLong();
        final AtomicLong updated = new AtomicLong();
        final AtomicLong deleted = new AtomicLong();

        long queued(RunReport.TableReport r) {
            return r.sourceCount - r.unchanged - r.failed;
        }
    }

    /** Records what writer threads report: new state, counts, failures. */
    private final class Listener implements WriteListener {
        private final TablePlanner planner;
        private final Map<String, KnownRecord> written;
        private final Counters counters;

        Listener(TablePlanner planner, Map<String, KnownRecord> written, Counters counters) {
            this.planner = planner;
            this.written = written;
            this.counters = counters;
        }

        @Override
        public void written(String mongoId, String recordId, Outcome outcome, SourceRecord record) {
            written.put(mongoId, planner.written(record, recordId));
            (outcome == Outcome.CREATED ? counters.created : counters.updated).incrementAndGet();
        }

        @Override
        public void failed(String mongoId, String field, String type, String message) {
            fail(mongoId, field, type, message);
        }
    }

    /** The table cannot be synced; the message says why. Other tables go on. */
    static final class TableFailure extends RuntimeException {
        TableFailure(String message) {
            super(message);
        }
    }

}
