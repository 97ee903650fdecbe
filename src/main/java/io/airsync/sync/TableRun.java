package io.airsync.sync;

import io.airsync.airtable.AirtableRecord;
import io.airsync.airtable.AirtableRequestStats;
import io.airsync.airtable.AirtableTable;
import io.airsync.airtable.ListOptions;
import io.airsync.convert.DocumentPaths;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.MirrorMode;
import io.airsync.mapping.TableMapping;
import io.airsync.plan.AirtableIndex;
import io.airsync.plan.Decision;
import io.airsync.plan.DocumentConverter;
import io.airsync.plan.KnownRecord;
import io.airsync.plan.SourceRecord;
import io.airsync.plan.TablePlanner;
import io.airsync.profile.TableProfile;
import io.airsync.report.PiiMasker;
import io.airsync.report.RunReport;
import io.airsync.schema.SelectChoices;
import io.airsync.source.SourceId;
import io.airsync.state.TableState;
import io.airsync.write.TableWriter;
import io.airsync.write.WriteListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.BsonValue;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * One table of one run, once its schema passed ({@link TableSchemaCheck}): read Airtable back when there is no state
 * yet (or on reconcile), stream the source through conversion and planning, write what changed, apply mirror mode,
 * and hand back the new state. Stops cleanly between documents when the run's budget is spent.
 */
final class TableRun {

    private static final Logger LOG = Logger.getLogger(TableRun.class);
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    /** How the table ended: finished, or stopped by the budget after {@code lastId} (typed; null: none handled). */
    record Outcome(boolean finished, BsonValue lastId, Map<String, KnownRecord> records) {
    }

    private final TableMapping table;
    private final RunScope scope;
    private final RunReport.TableReport report;
    /** The table's schema check (and the select choices it found), run before the first write: see {@link Lazy}. */
    private final Lazy<SelectChoices> selectChoices;
    private final List<String> fieldNames;
    private final TableCounters counters;
    private final DryRunSampler sampler;
    /** What this run's values look like, field by field: the report's value warnings, text changes and profile. */
    private final TableProfile profile;

    TableRun(TableMapping table, RunScope scope, RunReport.TableReport report, Lazy<SelectChoices> selectChoices) {
        this.table = table;
        this.scope = scope;
        this.report = report;
        this.selectChoices = selectChoices;
        this.fieldNames = fieldNames(table);
        this.counters = new TableCounters(report);
        this.sampler = new DryRunSampler(table, report);
        this.profile = new TableProfile(table);
    }

    static List<String> fieldNames(TableMapping table) {
        return table.fields().stream().map(FieldMapping::airtable).toList();
    }

    Outcome run(TableState state, BsonValue afterId) {
        AirtableTable airtable = scope.target().base().table(table.airtableTable());
        Map<String, Long> before = scope.target().base().stats().snapshot();
        try {
            return sync(airtable, state, afterId);
        } finally {
            Map<String, Long> delta = AirtableRequestStats.delta(before, scope.target().base().stats().snapshot());
            delta.forEach((k, v) -> report.requests.merge(k, v, Long::sum));
            report.valueWarnings.addAll(profile.warnings());
            report.textChanges.addAll(profile.textChanges());
            report.fieldStats.addAll(profile.stats());
        }
    }

    private Outcome sync(AirtableTable airtable, TableState state, BsonValue afterId) {
        RunScope.Options options = scope.options();
        RunScope.Source source = scope.source();
        List<Document> sample = new ArrayList<>();
        report.unmappedSourceFields.addAll(source.reader().unmappedFields(source.db(), table, sample));
        for (String path : DocumentPaths.unmatchedPaths(table, sample)) {
            report.warnings.add("source path '" + path + "' matched nothing in a sample of " + sample.size() + " documents");
        }

        AirtableIndex index = null;
        if (options.reconcile() || !state.exists()) {
            index = readAirtable(airtable);
        }
        if (index != null && options.reconcile()) {
            // Airtable is the truth on reconcile (the planner compares with it): forget records no longer there.
            state.records().keySet().retainAll(index.keyed().keySet());
        }
        TablePlanner planner = new TablePlanner(fieldNames, table.keyField(), state.records(), index);
        DocumentConverter converter = new DocumentConverter(table, source.converter(), source.normalizer(), source.links(),
                profile);

        // Writes land in the state itself, from writer threads (a concurrent map): one copy of the table's state in
        // memory, not two. Each id is planned once per run, before its own write, so the planner's reads stay valid.
        Map<String, KnownRecord> written = state.records() instanceof ConcurrentHashMap<String, KnownRecord> concurrent
                ? concurrent : new ConcurrentHashMap<>(state.records());
        TableWriter writer = options.dryRun() ? null : new TableWriter(airtable, table.keyField(),
                scope.target().writerPool(), scope.target().maxInFlight(), new Recorder(planner, written),
                planner::createFields).fencedBy(options.lease()::held);

        // The raw _id of the last document handled (typed once, at the end): where a continued run picks up.
        Object[] last = {afterId};
        boolean[] stopped = {false};
        long[] progress = {0, options.ticker().nanos()};
        RuntimeException broke = null;
        try {
            source.reader().read(source.db(), table, afterId, source.batchSize(), doc -> {
                if (options.budget().spent()) {
                    stopped[0] = true;
                    return false;
                }
                report.sourceCount++;
                last[0] = doc.get("_id");
                try {
                    DocumentConverter.mongoId(doc.get("_id"));
                } catch (IllegalArgumentException e) {
                    // A document that cannot even be keyed (an _id of a type no key can hold) fails alone.
                    counters.fail(String.valueOf(doc.get("_id")), "_id", SyncProblemKind.INVALID_ID, e.getMessage());
                    return true;
                }
                // Anything else thrown while converting (the store failing while link targets load) is not this
                // document's fault: it fails the table, once, with its own cause.
                SourceRecord r = converter.convert(doc);
                r.problems().forEach(p -> counters.problem(r.mongoId(), p));
                Decision d = planner.decide(r, p -> counters.problem(r.mongoId(), withMaskedNaturalKey(r, p)));
                handle(r, d, writer, planner, state, written);
                if (writer != null && (writer.fatal() != null || writer.fenced())) {
                    return false;
                }
                long now = options.ticker().nanos();
                if (++progress[0] % options.progressEvery() == 0 || now - progress[1] > PROGRESS_NANOS) {
                    progress[1] = now;
                    LOG.infof("%s: %d documents read, %d queued to write, %d failed", table.name(), report.sourceCount,
                            counters.queued(), report.failed);
                }
                return true;
            });
        } catch (RuntimeException e) {
            // MongoDB gone, the state store failing while link targets load...: stop reading, but first let what is
            // already on its way to Airtable land and be counted, so the report and the saved state stay true.
            broke = e;
        }
        if (writer != null) {
            writer.flush();
        }
        counters.addWritesToReport();
        if (broke != null) {
            throw new TableFailure(broke.getMessage() == null ? broke.getClass().getSimpleName() : broke.getMessage(),
                    broke, writer == null ? null : written);
        }
        if (writer != null && writer.fenced()) {
            throw options.lease().lostError();
        }
        if (writer != null && writer.fatal() != null) {
            if (writer.fatal().endsRun()) {
                throw writer.fatal();
            }
            throw new TableFailure("Airtable refused writes to " + table.airtableTable() + ": "
                    + writer.fatal().status() + " " + writer.fatal().type(), writer.fatal(), written);
        }

        Set<String> removed = ConcurrentHashMap.newKeySet();
        if (!stopped[0] && table.mirror().mode() != MirrorMode.off) {
            report.deleted += new MirrorPass(table, scope, counters, sampler).run(airtable, written, index, removed,
                    selectChoices::get);
        }
        removed.forEach(written::remove);
        LOG.infof("%s: %s after %d documents (%d created, %d updated, %d unchanged, %d deleted, %d failed)",
                table.name(), stopped[0] ? "stopped by the time budget" : "done", report.sourceCount, report.created,
                report.updated, report.unchanged, report.deleted, report.failed);
        return new Outcome(!stopped[0], last[0] == null ? null : SourceId.of(last[0]), written);
    }

    /** A natural-key problem names the key's field and the key itself, masked as that field's values are. */
    private SourceRecord.Problem withMaskedNaturalKey(SourceRecord r, SourceRecord.Problem p) {
        if (r.naturalKey() == null || table.naturalKey() == null || !p.kind().name().endsWith("_NATURAL_KEY")) {
            return p;
        }
        String field = table.naturalKey().field();
        return new SourceRecord.Problem(field, p.kind(),
                p.message() + " (key " + sampler.masked(field, r.naturalKey()) + ")");
    }

    /** Acts on one decision: write it (or, in a dry run, count and sample it), count it, or fail the record. */
    private void handle(SourceRecord r, Decision d, TableWriter writer, TablePlanner planner, TableState state,
            Map<String, KnownRecord> written) {
        Map<String, Object> fields = d instanceof Decision.Create c ? c.fields()
                : d instanceof Decision.Update u ? u.fields() : null;
        SelectChoices.Verdict choices = fields == null ? null : selectChoices.get().check(r.mongoId(), fields);
        if (choices instanceof SelectChoices.Reject no) {
            counters.fail(r.mongoId(), no.field(), no.kind().name(), no.message());
            return;
        }
        if (d instanceof Decision.Create && !scope.target().limits().tryCreate()) {
            counters.fail(r.mongoId(), null, SyncProblemKind.RECORD_CAP, scope.target().limits().capRefusal());
            return;
        }
        // A new choice goes with typecast (Airtable creates it); a dry run lists it as one a sync would create.
        boolean typecast = choices instanceof SelectChoices.Create;
        if (typecast && writer == null) {
            optionsCreated(selectChoices.get().written(r.mongoId()));
        }
        if (d instanceof Decision.Create c) {
            if (writer == null) {
                report.created++;
                sampler.sample("create", r.mongoId(), c.fields(), null);
            } else {
                writer.create(r, c.fields(), typecast);
            }
        } else if (d instanceof Decision.Update u) {
            if (writer == null) {
                report.updated++;
                sampler.sample(u.adopted() ? "adopt" : "update", r.mongoId(), u.fields(), u.recordId());
            } else {
                writer.update(r, u.recordId(), u.fields(), typecast);
            }
        } else if (d instanceof Decision.Unchanged) {
            report.unchanged++;
            KnownRecord k = planner.known(r.mongoId());
            if (k != null && (scope.options().reconcile() || !state.records().containsKey(r.mongoId()))) {
                // Read back from Airtable: what it holds becomes the state.
                written.put(r.mongoId(), k);
            }
        } else if (d instanceof Decision.Fail f) {
            counters.fail(r.mongoId(), f.reason().field(), f.reason().kind().name(), f.reason().message());
        }
    }

    /** Select choices Airtable created (typecast) for this table's records: into the report, each once. */
    private void optionsCreated(List<SelectChoices.NewOption> created) {
        if (created.isEmpty()) {
            return;
        }
        synchronized (report) {
            created.forEach(o -> report.optionsCreated.add(new RunReport.OptionCreated(o.field(),
                    PiiMasker.messageWithValues(o.option()))));
        }
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
                KnownRecord known = KnownRecord.fingerprint(rec.id(), table, f, scope.source().normalizer());
                String mongoId = key == null || String.valueOf(key).isBlank() ? null : String.valueOf(key).strip();
                index.add(mongoId, naturalKey, known);
            }
        });
        for (String dup : index.duplicateKeyRecords()) {
            counters.duplicateKey(dup, table.keyField());
        }
        return index;
    }

    /** Records what writer threads report: new state, counts, failures. */
    private final class Recorder implements WriteListener {
        private final TablePlanner planner;
        private final Map<String, KnownRecord> written;

        Recorder(TablePlanner planner, Map<String, KnownRecord> written) {
            this.planner = planner;
            this.written = written;
        }

        @Override
        public void written(String mongoId, String recordId, Outcome outcome, SourceRecord record) {
            written.put(mongoId, planner.written(record, recordId));
            (outcome == Outcome.CREATED ? counters.created : counters.updated).incrementAndGet();
            optionsCreated(selectChoices.get().written(mongoId));
        }

        @Override
        public void failed(String mongoId, String field, String type, String message) {
            counters.fail(mongoId, field, type, message);
            if (selectChoices.get().failed(mongoId, type, message)) {
                synchronized (report) {
                    report.warnings.add(SelectChoices.refusalAdvice(table.airtableTable()));
                }
            }
        }
    }
}
