package io.airsync.sync;

import io.airsync.airtable.AirtableDeadlineException;
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
import java.util.function.Predicate;
import org.bson.BsonValue;
import org.bson.Document;
import org.jboss.logging.Logger;

/**
 * One table of one run, once its schema passed ({@link TableSchemaCheck}): read Airtable back when there is no state
 * yet (or on reconcile), stream the source through conversion and planning, write what changed, apply mirror mode,
 * and hand back the new state. Stops cleanly between documents when the run's budget is spent; past the deadline the
 * Airtable layer sends nothing more, and what it refused is handed back: the read-back's place (resumed by the next
 * invocation, {@link ReadBack}), documents whose writes were not sent ({@code pending}, written first next time), a
 * mirror pass not finished (run again next time, from the state).
 */
final class TableRun {

    private static final Logger LOG = Logger.getLogger(TableRun.class);
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    /**
     * How the table ended: finished, or stopped by the budget after {@code lastId} (typed; null: none handled), with
     * {@code pending} documents (typed ids) handled but not written, and the read-back ({@code inReadBack}: stopped
     * before the documents, while reading Airtable back).
     */
    record Outcome(boolean finished, BsonValue lastId, Map<String, KnownRecord> records, List<BsonValue> pending,
            ReadBack readBack, boolean inReadBack) {
    }

    /** What an earlier invocation left of this table: documents to write first, a read-back in progress (or null). */
    record Resume(List<BsonValue> pending, ReadBack readBack) {
        static final Resume NONE = new Resume(List.of(), null);
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

    Outcome run(TableState state, BsonValue afterId, Resume resume) {
        AirtableTable airtable = scope.target().base().table(table.airtableTable());
        Map<String, Long> before = scope.target().base().stats().snapshot();
        try {
            return sync(airtable, state, afterId, resume);
        } finally {
            Map<String, Long> delta = AirtableRequestStats.delta(before, scope.target().base().stats().snapshot());
            delta.forEach((k, v) -> report.requests.merge(k, v, Long::sum));
            report.valueWarnings.addAll(profile.warnings());
            report.textChanges.addAll(profile.textChanges());
            report.fieldStats.addAll(profile.stats());
        }
    }

    private Outcome sync(AirtableTable airtable, TableState state, BsonValue afterId, Resume resume) {
        RunScope.Options options = scope.options();
        RunScope.Source source = scope.source();
        List<Document> sample = new ArrayList<>();
        report.unmappedSourceFields.addAll(source.reader().unmappedFields(source.db(), table, sample));
        for (String path : DocumentPaths.unmatchedPaths(table, sample)) {
            report.warnings.add("source path '" + path + "' matched nothing in a sample of " + sample.size() + " documents");
        }
        LOG.debugf("%s: source sampled (%d documents)", table.name(), sample.size());

        AirtableIndex index = null;
        ReadBack readBack = resume.readBack();
        if (readBack == null && (options.reconcile() || !state.exists())) {
            readBack = ReadBack.fresh();
        }
        if (readBack != null) {
            if (!readAirtable(airtable, readBack)) {
                LOG.infof("%s: stopped by the time budget while reading Airtable back (%d records read)", table.name(),
                        readBack.rows());
                return new Outcome(false, afterId, state.records(), resume.pending(), readBack, true);
            }
            index = readBack.index();
            LOG.debugf("%s: read back from Airtable (%d records)", table.name(), readBack.rows());
            if (!readBack.completeAtStart()) {
                for (String dup : index.duplicateKeyRecords()) {
                    counters.duplicateKey(dup, table.keyField());
                }
            }
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
        // Documents handed to the writer and not answered yet (MongoDB id -> typed _id), and those whose write the
        // deadline refused: handed to the next invocation.
        Map<String, BsonValue> queued = new ConcurrentHashMap<>();
        Set<BsonValue> deferred = ConcurrentHashMap.newKeySet();
        TableWriter writer = options.dryRun() ? null : new TableWriter(airtable, table.keyField(),
                scope.target().writerPool(), scope.target().maxInFlight(), new Recorder(planner, written, queued, deferred),
                planner::createFields).fencedBy(options.lease()::held);

        // The raw _id of the last document handled (typed once, at the end): where a continued run picks up.
        Object[] last = {afterId};
        boolean[] stopped = {false};
        boolean[] fromPending = {false};
        Set<BsonValue> pendingLeft = new java.util.LinkedHashSet<>(resume.pending());
        long[] progress = {0, options.ticker().nanos()};
        Predicate<Document> each = doc -> {
            if (options.budget().spent()) {
                stopped[0] = true;
                return false;
            }
            Object before = last[0];
            if (report.sourceCount == 0) {
                LOG.debugf("%s: first document read", table.name());
            }
            // Typed only where needed (pending ids come typed): encoding every _id would cost every document.
            BsonValue typed = fromPending[0] ? SourceId.of(doc.get("_id")) : null;
            report.sourceCount++;
            if (fromPending[0]) {
                pendingLeft.remove(typed);
            } else {
                last[0] = doc.get("_id");
            }
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
            try {
                r.problems().forEach(p -> counters.problem(r.mongoId(), p));
                Decision d = planner.decide(r, p -> counters.problem(r.mongoId(), withMaskedNaturalKey(r, p)));
                handle(r, d, writer, planner, state, written, doc.get("_id"), queued);
            } catch (AirtableDeadlineException late) {
                // The table's schema check (before its first write) came too late: this document was not handled.
                queued.remove(r.mongoId());
                report.sourceCount--;
                if (fromPending[0]) {
                    pendingLeft.add(typed);
                } else {
                    last[0] = before;
                }
                stopped[0] = true;
                return false;
            }
            if (writer != null && (writer.fatal() != null || writer.fenced())) {
                return false;
            }
            if (writer != null && writer.deferred() > 0) {
                // The deadline refused a write: nothing more will be sent in this invocation.
                stopped[0] = true;
                return false;
            }
            long now = options.ticker().nanos();
            if (++progress[0] % options.progressEvery() == 0 || now - progress[1] > PROGRESS_NANOS) {
                progress[1] = now;
                LOG.infof("%s: %d documents read, %d queued to write, %d failed", table.name(), report.sourceCount,
                        counters.queued(), report.failed);
            }
            return true;
        };
        RuntimeException broke = null;
        try {
            if (!pendingLeft.isEmpty()) {
                // Documents an earlier invocation handled but could not send before its deadline: first.
                fromPending[0] = true;
                source.reader().readByIds(source.db(), table, List.copyOf(pendingLeft), source.batchSize(), each);
                fromPending[0] = false;
                if (!stopped[0]) {
                    pendingLeft.clear(); // those not read are gone from the source (or its filter)
                }
            }
            if (!stopped[0]) {
                source.reader().read(source.db(), table, afterId, source.batchSize(), each);
            }
        } catch (RuntimeException e) {
            // MongoDB gone, the state store failing while link targets load...: stop reading, but first let what is
            // already on its way to Airtable land and be counted, so the report and the saved state stay true.
            broke = e;
        }
        if (writer != null) {
            writer.flush();
        }
        counters.addWritesToReport();
        if (!deferred.isEmpty()) {
            // Counted when they are written, by the invocation that writes them.
            report.sourceCount -= deferred.size();
            stopped[0] = true;
            LOG.infof("%s: %d documents not sent before the deadline; the next invocation writes them", table.name(),
                    deferred.size());
        }
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
            if (options.budget().spent()) {
                stopped[0] = true;
            } else {
                try {
                    MirrorPass.Result mirrored = new MirrorPass(table, scope, counters, sampler).run(airtable, written,
                            index, removed, selectChoices::get);
                    report.deleted += mirrored.done();
                    stopped[0] = !mirrored.finished();
                } catch (AirtableDeadlineException late) {
                    stopped[0] = true;
                }
            }
            if (stopped[0]) {
                LOG.infof("%s: the mirror pass stopped by the time budget; the next invocation goes on from the state",
                        table.name());
            }
        }
        removed.forEach(written::remove);
        if (readBack != null) {
            readBack.removeKeys(removed);
        }
        List<BsonValue> pending = new ArrayList<>(pendingLeft);
        pending.addAll(deferred);
        LOG.infof("%s: %s after %d documents (%d created, %d updated, %d unchanged, %d deleted, %d failed)",
                table.name(), stopped[0] ? "stopped by the time budget" : "done", report.sourceCount, report.created,
                report.updated, report.unchanged, report.deleted, report.failed);
        return new Outcome(!stopped[0], last[0] == null ? null : SourceId.of(last[0]), written, pending, readBack, false);
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
            Map<String, KnownRecord> written, Object rawId, Map<String, BsonValue> queued) {
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
                queued.put(r.mongoId(), SourceId.of(rawId));
                writer.create(r, c.fields(), typecast);
            }
        } else if (d instanceof Decision.Update u) {
            if (writer == null) {
                report.updated++;
                sampler.sample(u.adopted() ? "adopt" : "update", r.mongoId(), u.fields(), u.recordId());
            } else {
                queued.put(r.mongoId(), SourceId.of(rawId));
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

    /** Reads Airtable back, page by page, from where {@code readBack} is; false when the deadline stopped it. */
    private boolean readAirtable(AirtableTable airtable, ReadBack readBack) {
        List<String> fields = new ArrayList<>(fieldNames);
        fields.add(table.keyField());
        int nk = table.naturalKey() == null ? -1 : table.indexOf(table.naturalKey().field());
        return readBack.read(airtable, ListOptions.all().withFields(fields), rec -> {
            Map<String, Object> f = rec.fields() == null ? Map.of() : rec.fields();
            Object key = f.get(table.keyField());
            String naturalKey = nk < 0 || f.get(fieldNames.get(nk)) == null ? null
                    : table.naturalKey().normalize().apply(String.valueOf(f.get(fieldNames.get(nk))));
            KnownRecord known = KnownRecord.fingerprint(rec.id(), table, f, scope.source().normalizer());
            String mongoId = key == null || String.valueOf(key).isBlank() ? null : String.valueOf(key).strip();
            return new ReadBack.Row(mongoId, naturalKey, known);
        }, scope.options().budget()::spent, report.warnings);
    }

    /** Records what writer threads report: new state, counts, failures. */
    private final class Recorder implements WriteListener {
        private final TablePlanner planner;
        private final Map<String, KnownRecord> written;
        private final Map<String, BsonValue> queued;
        private final Set<BsonValue> deferred;

        Recorder(TablePlanner planner, Map<String, KnownRecord> written, Map<String, BsonValue> queued,
                Set<BsonValue> deferred) {
            this.planner = planner;
            this.written = written;
            this.queued = queued;
            this.deferred = deferred;
        }

        @Override
        public void deferred(String mongoId) {
            BsonValue id = queued.remove(mongoId);
            if (id != null) {
                deferred.add(id);
            }
        }

        @Override
        public void written(String mongoId, String recordId, Outcome outcome, SourceRecord record) {
            queued.remove(mongoId);
            written.put(mongoId, planner.written(record, recordId));
            (outcome == Outcome.CREATED ? counters.created : counters.updated).incrementAndGet();
            optionsCreated(selectChoices.get().written(mongoId));
        }

        @Override
        public void failed(String mongoId, String field, String type, String message) {
            queued.remove(mongoId);
            counters.fail(mongoId, field, type, message);
            if (selectChoices.get().failed(mongoId, type, message)) {
                synchronized (report) {
                    report.warnings.add(SelectChoices.refusalAdvice(table.airtableTable()));
                }
            }
        }
    }
}
