package io.airsync.sync;

import com.mongodb.client.MongoDatabase;
import io.airsync.airtable.AirtableBase;
import io.airsync.airtable.AirtableClient;
import io.airsync.airtable.AirtableDeadlineException;
import io.airsync.airtable.AirtableBillingLimitException;
import io.airsync.airtable.AirtableException;
import io.airsync.airtable.AirtableRequestStats;
import io.airsync.airtable.BaseSchema;
import io.airsync.config.AirsyncConfig;
import io.airsync.convert.ValueConverter;
import io.airsync.convert.ValueNormalizer;
import io.airsync.sync.InvocationRequest;
import io.airsync.mapping.FieldMapping;
import io.airsync.mapping.SyncMapping;
import io.airsync.mapping.TableMapping;
import io.airsync.schema.SelectChoices;
import io.airsync.plan.KnownRecord;
import io.airsync.report.MarkdownReportRenderer;
import io.airsync.report.PiiMasker;
import io.airsync.report.ReportStore;
import io.airsync.report.RunReport;
import io.airsync.report.RunSummary;
import io.airsync.report.RunSummaryJson;
import io.airsync.report.TableSummary;
import io.airsync.secrets.Credentials;
import io.airsync.source.MongoConnector;
import io.airsync.source.MongoSourceReader;
import io.airsync.state.RequestCountStore;
import io.airsync.source.SourceId;
import io.airsync.state.RunCheckpoint;
import io.airsync.state.CheckpointStore;
import io.airsync.state.RunLock;
import io.airsync.state.RunLockStore;
import io.airsync.state.TableState;
import io.airsync.state.TableStateStore;
import io.airsync.state.UnreadableCheckpointException;
import io.airsync.time.Ticker;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.bson.BsonValue;
import org.jboss.logging.Logger;

/**
 * One run: take the single-flight lock, resume a checkpoint if one is waiting, sync the tables in mapping order
 * (each table's failure is its own; the others go on), write the report, and say how it went.
 */
@ApplicationScoped
public class SyncService {

    private static final Logger LOG = Logger.getLogger(SyncService.class);

    @Inject
    AirsyncConfig config;
    @Inject
    MappingProvider mappings;
    @Inject
    Credentials credentials;
    @Inject
    TableStateStore tableStates;
    @Inject
    CheckpointStore checkpoints;
    @Inject
    RunLockStore locks;
    @Inject
    Clock clock;
    @Inject
    Ticker ticker;
    @Inject
    ReportStore reportStore;
    @Inject
    MongoConnector mongo;
    @Inject
    MongoSourceReader reader;
    @Inject
    RequestCountStore requestCounts;
    @Inject
    AirtableClient airtable;
    @Inject
    RunContinuation continuation;
    @Inject
    RunMetrics metrics;

    /** A summary for a run refused before it started (bad payload, unusable mapping): nothing was touched. */
    public RunSummary refused(String reason) {
        LOG.warnf("run refused: %s", reason);
        return new RunSummary(null, RunStatus.INVALID.wire(), null, clock.instant().toString(), 0, List.of(), Map.of(), null, null, reason);
    }

    /**
     * @param remaining  the invocation's remaining time, or null when there is no deadline (local runs, tests)
     * @param invokedArn the ARN the function was invoked by (self-continuation stays on that alias), or null
     */
    public RunSummary run(InvocationRequest request, Duration remaining, String invokedArn) {
        Instant started = clock.instant();
        long t0 = ticker.nanos();
        LOG.debug("invocation taken");
        SyncMapping mapping = mappings.mapping();
        RunBudget budget = RunBudget.of(remaining, config.run().timeMargin(), config.run().timeBudget().orElse(null), ticker);

        try {
            tableStates.verifyAccess();
            reportStore.verifyAccess();
        } catch (RuntimeException e) {
            // Nothing could be recorded: stop before touching Airtable.
            return notStarted(request, started, t0, e);
        }

        String owner = newRunId(started);
        Optional<RunLock> lock;
        try {
            lock = locks.tryLock(owner, config.state().lockLease());
        } catch (RuntimeException e) {
            return notStarted(request, started, t0, e);
        }
        if (lock.isEmpty()) {
            String held = "another run is in progress" + holderDescription();
            LOG.info(held + ": skipped");
            return new RunSummary(null, RunStatus.SKIPPED.wire(), mode(request), started.toString(), elapsed(t0), List.of(), Map.of(),
                    null, null, held);
        }

        RunSummary summary;
        ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "run-lock-heartbeat");
            t.setDaemon(true);
            return t;
        });
        RunLease lease = new RunLease(locks, lock.get(), config.state().lockLease(), clock, heartbeats).start();
        try {
            summary = runLocked(request, mapping, budget, lease, owner, started, t0);
        } catch (RuntimeException e) {
            // Whatever broke, the caller gets a summary and the lock is not left to expire.
            LOG.errorf("run %s failed: %s", owner, describe(e));
            summary = new RunSummary(owner, RunStatus.FAILED.wire(), mode(request), started.toString(), elapsed(t0), List.of(),
                    Map.of(), null, null, "run failed: " + describe(e));
        } finally {
            heartbeats.shutdownNow();
            try {
                lease.close();
            } catch (RuntimeException e) {
                LOG.errorf("the run lock could not be released (it expires after %s): %s", config.state().lockLease(),
                        e.getMessage());
            }
        }
        metrics.emit(summary);
        // After the release: the continuation must find the lock free.
        if (RunStatus.CONTINUED.wire().equals(summary.status()) && config.run().selfContinue()) {
            continuation.continueRun(summary.runId(), invokedArn);
        }
        return summary;
    }

    /** A run that could not start (state or report store unusable): answered {@code failed}, counted as such. */
    private RunSummary notStarted(InvocationRequest request, Instant started, long t0, RuntimeException e) {
        LOG.errorf("run not started: %s", e.getMessage());
        RunSummary summary = new RunSummary(null, RunStatus.FAILED.wire(), mode(request), started.toString(), elapsed(t0), List.of(),
                Map.of(), null, null, "run not started: " + e.getMessage());
        metrics.emit(summary);
        return summary;
    }

    /** ": run X (started T), its lease runs until E" for a skipped answer; empty when the holder cannot be read. */
    private String holderDescription() {
        try {
            return locks.holder().map(h -> ": run " + h.runId() + (h.acquiredAt() == null ? "" : " (started "
                    + h.acquiredAt() + ")") + ", its lease runs until " + h.expiresAt()
                    + " (renewed while it lives; a crashed run's lock frees then)").orElse("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private RunSummary runLocked(InvocationRequest request, SyncMapping mapping, RunBudget budget, RunLease lease, String owner,
            Instant started, long t0) {
        RunCheckpoint resume = null;
        String unusableCheckpoint = null;
        if (!request.dryRun()) {
            try {
                resume = checkpoints.load().orElse(null);
                if (resume != null && resume.lastId() != null) {
                    try {
                        SourceId.fromJson(resume.lastId());
                    } catch (IllegalArgumentException e) {
                        throw new UnreadableCheckpointException("the checkpoint's resume point (lastId) is not an "
                                + "Extended JSON _id document", e);
                    }
                }
                if (resume != null) {
                    for (String deferred : resume.pending()) {
                        try {
                            SourceId.fromJson(deferred);
                        } catch (IllegalArgumentException e) {
                            throw new UnreadableCheckpointException("a document the checkpoint defers (pending) is "
                                    + "not an Extended JSON _id document", e);
                        }
                    }
                }
            } catch (UnreadableCheckpointException e) {
                resume = null;
                // Self-healing: a checkpoint that cannot be used is dropped; the run starts over (tables with state
                // are read, not rewritten). Said once: the checkpoint is removed.
                unusableCheckpoint = "warning: " + e.getMessage() + "; ignored and removed: this run starts over";
                LOG.warn(unusableCheckpoint);
                try {
                    checkpoints.clear();
                } catch (RuntimeException clearing) {
                    LOG.warnf("the unusable checkpoint could not be removed: %s", clearing.getMessage());
                }
            }
        }
        if (request.continueRun() != null && resume == null) {
            return new RunSummary(request.continueRun(), RunStatus.SKIPPED.wire(), mode(request), started.toString(), elapsed(t0),
                    List.of(), Map.of(), null, null, "no checkpoint to continue: run " + request.continueRun() + " already finished");
        }
        String runId = resume != null ? resume.runId() : owner;
        if (resume != null) {
            lease.workingOn(runId);
        }
        boolean reconcile = resume != null ? resume.reconcile() : request.reconcile();
        List<String> tables = resume != null ? resume.tables()
                : request.tables().isEmpty() ? mapping.tableNames() : request.tables();
        RunReport report = new RunReport(runId, resume != null ? resume.startedAt() : started,
                request.dryRun() ? "dry-run" : reconcile ? "reconcile" : "sync");
        report.stateLocation = tableStates.describe();
        if (unusableCheckpoint != null) {
            report.notes.add(unusableCheckpoint);
        }
        if (resume != null) {
            report.notes.add("continues run " + runId + " (invocation " + (resume.invocations() + 1) + ")");
        }

        RunCheckpoint next = null;
        AirtableBase base = null;
        PlanLimits limits = null;
        Map<String, Long> requestsBefore = Map.of();
        ExecutorService writers = Executors.newFixedThreadPool(Math.max(1, config.airtable().maxInFlight()), r -> {
            Thread t = new Thread(r, "airtable-writer");
            t.setDaemon(true);
            return t;
        });
        try {
            String baseId = config.airtable().baseId().filter(s -> !s.isBlank()).orElseThrow(() ->
                    new IllegalStateException("no Airtable base configured: set AIRSYNC_AIRTABLE_BASE_ID"));
            String token = credentials.airtableToken();
            String mongoUri = credentials.mongoUri();
            MongoDatabase db = mongo.database(mongoUri);
            // An unreachable source or refused credentials stop the run here, before Airtable is touched.
            mongo.verify(db, mongoUri);
            // Every request of the run respects its deadline: past it nothing is sent and no wait begins.
            base = airtable.base(baseId, token).within(budget.deadline());
            requestsBefore = base.stats().snapshot();
            // Read on first need only: a run with nothing to read or write sends no Airtable request at all.
            AirtableBase schemaBase = base;
            Lazy<BaseSchema> schema = new Lazy<>(schemaBase::schema);
            limits = PlanLimits.of(config.airtable(), baseId, requestCounts, clock.instant());
            next = syncTables(mapping, tables, request.dryRun(), reconcile, resume, budget, lease, base, schema, db,
                    writers, report, limits, requestsBefore);
        } catch (RuntimeException e) {
            report.error = describe(e);
            LOG.errorf("run %s failed: %s", runId, report.error);
        } finally {
            writers.shutdownNow();
        }
        if (base != null) {
            report.requests = AirtableRequestStats.delta(requestsBefore, base.stats().snapshot());
        }
        if (limits != null) {
            try {
                report.airtableUsage = limits.finish(requestsSent(requestsBefore, base.stats().snapshot()), requestCounts,
                        clock.instant());
            } catch (RuntimeException e) {
                report.notes.add("Airtable requests not counted for the month: " + e.getMessage());
            }
        }

        if (!request.dryRun()) {
            try {
                if (next != null) {
                    lease.renewAndCheck();
                    checkpoints.save(next);
                } else if (resume != null && report.error == null) {
                    // A failed run keeps the checkpoint it resumed from, so the next run still starts there.
                    lease.renewAndCheck();
                    checkpoints.clear();
                }
            } catch (RuntimeException e) {
                report.error = (report.error == null ? "" : report.error + "; ") + "checkpoint not saved: " + e.getMessage();
                next = null;
            }
        }
        report.status = RunStatus.of(report, next != null).wire();
        report.durationMs = elapsed(t0);
        return finish(report, started);
    }

    private RunCheckpoint syncTables(SyncMapping mapping, List<String> tables, boolean dryRun, boolean reconcile,
            RunCheckpoint resume, RunBudget budget, RunLease lease, AirtableBase base, Lazy<BaseSchema> schema,
            MongoDatabase db, ExecutorService writers, RunReport report, PlanLimits limits, Map<String, Long> requestsBefore) {
        List<RunCheckpoint.TableProgress> completed = new ArrayList<>(resume != null ? resume.completed() : List.of());
        for (RunCheckpoint.TableProgress done : completed) {
            RunReport.TableReport tr = report.table(done.table());
            CheckpointProgress.addTo(done, tr);
            tr.status = done.status();
        }
        Map<String, Map<String, KnownRecord>> linkTargets = new HashMap<>();
        ValueConverter converter = new ValueConverter(mapping.timeZoneOr(config.timeZone()));
        ValueNormalizer normalizer = new ValueNormalizer(converter.zone());
        RunScope scope = new RunScope(
                new RunScope.Options(report.runId, dryRun, reconcile, budget, lease, ticker, config.run().progressEvery()),
                new RunScope.Source(db, reader, config.mongodb().batchSize(), converter, normalizer,
                        (table, mongoId) -> linkTarget(mapping, linkTargets, table, mongoId)),
                new RunScope.Target(base, writers, config.airtable().maxInFlight(), limits));
        for (String name : tables) {
            if (completed.stream().anyMatch(s -> s.table().equals(name))) {
                continue;
            }
            TableMapping tm = mapping.table(name).orElseThrow();
            RunReport.TableReport tr = report.table(name);
            BsonValue afterId = null;
            List<BsonValue> pending = List.of();
            RunCheckpoint.ReadBack readBackProgress = null;
            if (resume != null && name.equals(resume.currentTable())) {
                afterId = resume.lastId() == null ? null : SourceId.fromJson(resume.lastId());
                pending = resume.pending().stream().map(SourceId::fromJson).toList();
                readBackProgress = resume.readBack();
                if (resume.currentPartial() != null) {
                    CheckpointProgress.addTo(resume.currentPartial(), tr);
                }
            }
            if (budget.spent()) {
                return checkpoint(report, resume, tables, dryRun, reconcile, completed, name, afterId, tr, pending,
                        readBackProgress);
            }
            try {
                // The table's schema check runs before its first Airtable request: at once when Airtable is read
                // back (no state yet, or reconcile), else before the first write (drift is still caught first).
                Lazy<SelectChoices> options = new Lazy<>(() -> TableSchemaCheck.check(mapping, tm, schema.get(), base.id(), tr));
                List<String> fieldNames = TableRun.fieldNames(tm);
                TableState state = tableStates.loadTable(name, fieldNames);
                if (state.unreadable() != null) {
                    tr.warnings.add(state.unreadable() + "; treated as no state: the table was read back from Airtable "
                            + "and its records adopted by key (the state is saved anew at the end of the table)");
                }
                limits.known(state.records().size());
                String refusal = limits.refusal(name, plannedRequests(tm, state, reconcile, db),
                        requestsSent(requestsBefore, base.stats().snapshot()));
                LOG.debugf("%s: state loaded (%d records), source counted", name, state.records().size());
                if (refusal != null) {
                    tr.status = TableStatus.FAILED.wire();
                    tr.error = refusal;
                    LOG.warnf("table %s %s", name, refusal);
                    completed.add(CheckpointProgress.of(tr));
                    continue;
                }
                if (reconcile || !state.exists()) {
                    options.get();
                }
                TableRun.Resume carried = new TableRun.Resume(pending, readBackProgress == null ? null
                        : ReadBack.resumed(readBackProgress, tableStates.loadTable(ReadBack.storeName(name), fieldNames)));
                TableRun.Outcome outcome = new TableRun(tm, scope, tr, options).run(state, afterId, carried);
                LOG.debugf("%s: table's work over", name);
                if (!dryRun) {
                    lease.renewAndCheck();
                    // A table stopped in its first read-back keeps having no state: were the checkpoint lost, the
                    // next run would read it back again rather than trust an empty state.
                    if (state.exists() || !outcome.inReadBack()) {
                        tableStates.saveTable(name, new TableState(fieldNames, outcome.records(), true));
                    }
                    if (!outcome.finished() && outcome.readBack() != null) {
                        tableStates.saveTable(ReadBack.storeName(name), outcome.readBack().toState(fieldNames));
                    } else if (outcome.finished() && readBackProgress != null) {
                        // The stored rows served their run: emptied.
                        tableStates.saveTable(ReadBack.storeName(name), TableState.empty(fieldNames));
                    }
                }
                LOG.debugf("%s: state saved", name);
                linkTargets.put(name, outcome.records());
                if (!outcome.finished()) {
                    if (dryRun) {
                        tr.status = TableStatus.STOPPED.wire();
                        report.notes.add("the dry run ran out of time in " + name + "; its plan is incomplete");
                        return null;
                    }
                    return checkpoint(report, resume, tables, dryRun, reconcile, completed, name, outcome.lastId(), tr,
                            outcome.pending(), outcome.readBack() == null ? null : outcome.readBack().progress());
                }
                tr.status = (tr.failed > 0 ? TableStatus.PARTIAL : TableStatus.SUCCEEDED).wire();
            } catch (AirtableDeadlineException late) {
                // A request before the table's work (its schema) came too late: the table starts next time.
                if (dryRun) {
                    tr.status = TableStatus.STOPPED.wire();
                    report.notes.add("the dry run ran out of time in " + name + "; its plan is incomplete");
                    return null;
                }
                return checkpoint(report, resume, tables, dryRun, reconcile, completed, name, afterId, tr, pending,
                        readBackProgress);
            } catch (RuntimeException e) {
                tr.status = TableStatus.FAILED.wire();
                tr.error = describe(e);
                LOG.errorf("table %s failed: %s", name, tr.error);
                if (e instanceof TableFailure tf && tf.records() != null) {
                    // What landed before the failure: saved, so the next run adopts it instead of writing it again.
                    linkTargets.put(name, tf.records());
                    if (!dryRun) {
                        try {
                            tableStates.saveTable(name, new TableState(TableRun.fieldNames(tm), tf.records(), true));
                        } catch (RuntimeException saving) {
                            tr.error += "; the state of what was written could not be saved (" + describe(saving)
                                    + "): the next run reads the table back from Airtable and adopts it by key";
                        }
                    }
                }
                if (e instanceof AirtableBillingLimitException) {
                    limits.markHit();
                }
                if (e instanceof AirtableException ae && ae.endsRun() || e instanceof RunLease.LeaseLost) {
                    throw e;
                }
            }
            completed.add(CheckpointProgress.of(tr));
        }
        return null;
    }

    /** Requests sent to Airtable between two snapshots of the base's stats (429s and retries are in them already). */
    static long requestsSent(Map<String, Long> before, Map<String, Long> after) {
        return AirtableRequestStats.delta(before, after).entrySet().stream()
                .filter(e -> !AirtableRequestStats.NOT_REQUEST_KINDS.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * About how many requests a table needs, before it starts: the pages to read Airtable back (no state yet, or
     * reconcile) and a write for every 10 documents not yet in the state (all of them without state). Changes to
     * records already synced cannot be known before the table is read, so this is a floor for a table with state.
     */
    private long plannedRequests(TableMapping tm, TableState state, boolean reconcile, MongoDatabase db) {
        long source = reader.count(db, tm);
        long known = state.records().size();
        long lists = reconcile || !state.exists() ? Math.max(1, (Math.max(source, known) + 99) / 100) : 0;
        long fresh = state.exists() ? Math.max(0, source - known) : source;
        return lists + (fresh + 9) / 10;
    }

    private RunCheckpoint checkpoint(RunReport report, RunCheckpoint resume, List<String> tables, boolean dryRun,
            boolean reconcile, List<RunCheckpoint.TableProgress> completed, String table, BsonValue lastId,
            RunReport.TableReport tr, List<BsonValue> pending, RunCheckpoint.ReadBack readBack) {
        tr.status = TableStatus.CONTINUED.wire();
        String lastJson = lastId == null ? null : SourceId.toJson(lastId);
        String where = readBack != null && !readBack.complete() && !readBack.cut()
                ? " while reading it back from Airtable" : lastId == null ? " before it started" : " after " + lastJson;
        report.notes.add("time budget spent in " + table + where + (pending.isEmpty() ? ""
                : "; " + pending.size() + " documents not sent before the deadline are written first")
                + "; the next invocation continues there");
        return new RunCheckpoint(report.runId, report.startedAt, tables, dryRun, reconcile, completed, table, lastJson,
                CheckpointProgress.of(tr), resume == null ? 1 : resume.invocations() + 1,
                pending.stream().map(SourceId::toJson).toList(), readBack);
    }

    private String linkTarget(SyncMapping mapping, Map<String, Map<String, KnownRecord>> cache, String table, String mongoId) {
        Map<String, KnownRecord> records = cache.computeIfAbsent(table, t -> {
            List<String> fields = mapping.table(t).map(tm -> tm.fields().stream().map(FieldMapping::airtable).toList())
                    .orElse(List.of());
            return tableStates.loadTable(t, fields).records();
        });
        KnownRecord k = records.get(mongoId);
        return k == null ? null : k.recordId();
    }

    private RunSummary finish(RunReport report, Instant started) {
        List<TableSummary> tables = report.tables.values().stream().map(RunReport.TableReport::summary).toList();
        Map<String, Long> requests = report.requests == null ? Map.of() : report.requests;
        RunSummary summary;
        try {
            // The stored summary names its own location: it is exactly the summary the caller gets back.
            ReportStore.StoredReport where = reportStore.locate(report.runId, started);
            java.nio.file.Path problems = report.problemLog.finish();
            String problemsUri = problems == null ? null : reportStore.storeProblems(report.runId, started, problems);
            RunSummary located = new RunSummary(report.runId, report.status, report.valueWarnings(), report.mode,
                    report.startedAt.toString(), report.durationMs, tables, requests, where.reportUri(),
                    where.summaryUri(), problemsUri, report.error, report.airtableUsage);
            String markdown = MarkdownReportRenderer.render(report);
            reportStore.store(report.runId, started, markdown, RunSummaryJson.write(located));
            summary = located;
        } catch (Exception e) {
            LOG.errorf("the report of run %s could not be stored: %s", report.runId, e.getMessage());
            summary = new RunSummary(report.runId, report.status, report.valueWarnings(), report.mode,
                    report.startedAt.toString(), report.durationMs, tables, requests, null, null, null,
                    (report.error == null ? "" : report.error + "; ") + "report not stored: " + e.getMessage(), report.airtableUsage);
        } finally {
            report.problemLog.close();
        }
        LOG.infof("run %s %s in %d ms: %s", report.runId, report.status, report.durationMs, tables.stream()
                .map(t -> t.table() + " " + t.status() + " (+" + t.created() + " ~" + t.updated() + " =" + t.unchanged()
                        + " -" + t.deleted() + " !" + t.failed() + ")")
                .toList());
        return summary;
    }

    private static String mode(InvocationRequest r) {
        return r.dryRun() ? "dry-run" : r.reconcile() ? "reconcile" : "sync";
    }

    /** An exception as one line for the report: its own message (ours never carry secrets), masked for PII. */
    static String describe(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return PiiMasker.text(m);
    }

    /** Random and short: report keys already carry the start time in front of it. */
    private static final SecureRandom RUN_IDS = new SecureRandom();

    static String newRunId(Instant started) {
        byte[] random = new byte[5];
        // SecureRandom, not ThreadLocalRandom: the run id is the lock's owner, and environments restored from one
        // SnapStart snapshot would replay the same ThreadLocalRandom sequence (Lambda reseeds SecureRandom on restore).
        RUN_IDS.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private long elapsed(long t0) {
        return (ticker.nanos() - t0) / 1_000_000;
    }

}
