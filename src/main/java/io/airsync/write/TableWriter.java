package io.airsync.write;

import io.airsync.airtable.AirtableDeadlineException;
import io.airsync.airtable.AirtableException;
import io.airsync.airtable.AirtableLimits;
import io.airsync.airtable.AirtableRecord;
import io.airsync.airtable.AirtableTable;
import io.airsync.airtable.UpsertResult;
import io.airsync.airtable.WriteOptions;
import io.airsync.plan.SourceRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Writes one table's planned changes to Airtable: creates as upserts on the key field (a retried request can never
 * duplicate), updates as PATCHes of the changed fields, deletes; always {@link AirtableLimits#MAX_RECORDS_PER_WRITE}
 * records a request, several requests in flight (the client paces them). A 422 (or 413, too large) for one record
 * does not sink its batch-mates: the batch is split until the offending record is isolated and reported. An update
 * batch refused because one of its own records is gone from Airtable is sent again whole as an upsert on the key
 * field. Records that carry a select choice Airtable does not have yet are batched apart and sent with
 * {@code typecast}, so only the requests that create choices have it.
 *
 * <p>Fed from one thread; results come back to the {@link WriteListener} from writer threads.
 */
public final class TableWriter {

    private static final java.util.regex.Pattern FIELD_NAMED = java.util.regex.Pattern.compile("Field \"([^\"]+)\"");
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("\"+([^\"]+)\"+");
    private static final java.util.regex.Pattern RECORD_ID = java.util.regex.Pattern.compile("\\brec[A-Za-z0-9]{14}\\b");

    /** Lets Airtable create the select choices a record carries (only on the requests that need it). */
    private static final WriteOptions TYPECAST = new WriteOptions(true, false);

    private final AirtableTable table;
    private final String keyField;
    private final ExecutorService pool;
    private final Semaphore inFlight;
    private final int maxInFlight;
    private final WriteListener listener;
    private final Function<SourceRecord, Map<String, Object>> recreateFields;
    private final AtomicReference<AirtableException> fatal = new AtomicReference<>();
    private final AtomicInteger deferred = new AtomicInteger();
    private BooleanSupplier mayWrite = () -> true;
    private volatile boolean fenced;

    private final List<Pending> creates = new ArrayList<>(AirtableLimits.MAX_RECORDS_PER_WRITE);
    private final List<Pending> updates = new ArrayList<>(AirtableLimits.MAX_RECORDS_PER_WRITE);
    private final List<Pending> typecastCreates = new ArrayList<>(AirtableLimits.MAX_RECORDS_PER_WRITE);
    private final List<Pending> typecastUpdates = new ArrayList<>(AirtableLimits.MAX_RECORDS_PER_WRITE);
    private final List<Pending> deletes = new ArrayList<>(AirtableLimits.MAX_RECORDS_PER_WRITE);

    /** One record on its way: the MongoDB id, the Airtable id (updates, deletes), the fields, the source record. */
    private record Pending(String mongoId, String recordId, Map<String, Object> fields, SourceRecord record) {
    }

    public TableWriter(AirtableTable table, String keyField, ExecutorService pool, int maxInFlight, WriteListener listener) {
        this(table, keyField, pool, maxInFlight, listener, null);
    }

    /**
     * @param recreateFields every value of a record, key field included (what a create sends): with it, an update
     *        batch in which a record turns out to be gone from Airtable is upserted on the key field instead; without
     *        it, such records fail.
     */
    public TableWriter(AirtableTable table, String keyField, ExecutorService pool, int maxInFlight, WriteListener listener,
            Function<SourceRecord, Map<String, Object>> recreateFields) {
        this.table = table;
        this.keyField = keyField;
        this.pool = pool;
        this.maxInFlight = Math.max(1, maxInFlight);
        this.inFlight = new Semaphore(this.maxInFlight);
        this.listener = listener;
        this.recreateFields = recreateFields;
    }

    public void create(SourceRecord record, Map<String, Object> fields) {
        create(record, fields, false);
    }

    /** @param typecast the record carries select choices Airtable is to create */
    public void create(SourceRecord record, Map<String, Object> fields, boolean typecast) {
        add(typecast ? typecastCreates : creates, new Pending(record.mongoId(), null, fields, record));
    }

    public void update(SourceRecord record, String recordId, Map<String, Object> fields) {
        update(record, recordId, fields, false);
    }

    /** @param typecast the record carries select choices Airtable is to create */
    public void update(SourceRecord record, String recordId, Map<String, Object> fields, boolean typecast) {
        add(typecast ? typecastUpdates : updates, new Pending(record.mongoId(), recordId, fields, record));
    }

    /**
     * An update that no source record stands behind (mirror mode's flag): 422 isolation as for any update; a record
     * gone from Airtable simply fails (nothing to recreate it from).
     */
    public void update(String mongoId, String recordId, Map<String, Object> fields) {
        add(updates, new Pending(mongoId, recordId, fields, null));
    }

    public void delete(String mongoId, String recordId) {
        add(deletes, new Pending(mongoId, recordId, null, null));
    }

    /**
     * Asked before each batch is sent: once it says no (the run lost its lock to another run), nothing more is sent:
     * the batch is dropped unsent (each of its records reported failed as {@link #NOT_SENT_LOCK_LOST}) and
     * {@link #fenced()} turns true.
     */
    public TableWriter fencedBy(BooleanSupplier mayWrite) {
        this.mayWrite = mayWrite;
        return this;
    }

    /** True once a batch was held back because the run may no longer write. */
    public boolean fenced() {
        return fenced;
    }

    /**
     * How many records were handed back unsent because the run's deadline came first (each told to
     * {@link WriteListener#deferred}); the run writes them in its next invocation.
     */
    public int deferred() {
        return deferred.get();
    }

    /** Non-null once an error made further writes to this table pointless (bad token, table gone). */
    public AirtableException fatal() {
        return fatal.get();
    }

    /** Sends what is buffered and waits until every request has been answered. */
    public void flush() {
        submit(creates);
        submit(typecastCreates);
        submit(updates);
        submit(typecastUpdates);
        submit(deletes);
        try {
            inFlight.acquire(maxInFlight);
            inFlight.release(maxInFlight);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Airtable writes", e);
        }
    }

    private void add(List<Pending> buffer, Pending p) {
        buffer.add(p);
        if (buffer.size() == AirtableLimits.MAX_RECORDS_PER_WRITE) {
            submit(buffer);
        }
    }

    private void submit(List<Pending> buffer) {
        if (buffer.isEmpty()) {
            return;
        }
        List<Pending> batch = List.copyOf(buffer);
        buffer.clear();
        if (fenced || !mayWrite.getAsBoolean()) {
            fenced = true;
            // Counted, so the fenced run's report says what it did not write; the run that holds the lock now does.
            batch.forEach(p -> listener.failed(p.mongoId(), null, NOT_SENT_LOCK_LOST,
                    "not sent: this run lost the run lock to another run, which syncs this record"));
            return;
        }
        Runnable work = buffer == creates ? () -> sendCreates(batch, WriteOptions.DEFAULT)
                : buffer == typecastCreates ? () -> sendCreates(batch, TYPECAST)
                : buffer == updates ? () -> sendUpdates(batch, WriteOptions.DEFAULT)
                : buffer == typecastUpdates ? () -> sendUpdates(batch, TYPECAST) : () -> sendDeletes(batch);
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing Airtable writes", e);
        }
        pool.execute(() -> {
            try {
                if (fatal.get() != null) {
                    batch.forEach(p -> listener.failed(p.mongoId(), null, fatal.get().type(), "not sent: " + fatal.get().type()));
                } else {
                    work.run();
                }
            } catch (java.util.concurrent.CancellationException | dev.failsafe.FailsafeException e) {
                // Interrupted while the request was out (the run was stopping): it may or may not have landed.
                batch.forEach(p -> listener.failed(p.mongoId(), null, UNCONFIRMED, unconfirmed(
                        "the run stopped while the request was in flight (" + e.getClass().getSimpleName() + ")")));
            } catch (RuntimeException e) {
                batch.forEach(p -> listener.failed(p.mongoId(), null, "INTERNAL", e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage())));
            } finally {
                inFlight.release();
            }
        });
    }

    private void sendCreates(List<Pending> batch, WriteOptions options) {
        try {
            UpsertResult result = table.upsert(batch.stream().map(Pending::fields).toList(), List.of(keyField),
                    options);
            Set<String> created = new HashSet<>(result.createdRecords());
            for (int i = 0; i < result.records().size(); i++) {
                AirtableRecord rec = result.records().get(i);
                Pending p = match(batch, rec, i);
                listener.written(p.mongoId(), rec.id(),
                        created.contains(rec.id()) ? WriteListener.Outcome.CREATED : WriteListener.Outcome.UPDATED, p.record());
            }
        } catch (AirtableException e) {
            handle(batch, e, half -> sendCreates(half, options));
        }
    }

    private void sendUpdates(List<Pending> batch, WriteOptions options) {
        try {
            List<AirtableRecord> sent = batch.stream().map(p -> new AirtableRecord(p.recordId(), null, p.fields())).toList();
            List<AirtableRecord> answered = table.update(sent, options);
            for (int i = 0; i < answered.size(); i++) {
                Pending p = batch.get(i);
                listener.written(p.mongoId(), answered.get(i).id(), WriteListener.Outcome.UPDATED, p.record());
            }
        } catch (AirtableException e) {
            if (recreateFields != null && batch.stream().allMatch(p -> p.record() != null)
                    && batch.stream().anyMatch(p -> vanished(p, e))) {
                // A record of the batch is gone (deleted by hand, or the table emptied while state remained): upsert
                // the whole batch on the key field, one request: the gone ones are created again, the others updated
                // with all their values. Splitting the batch instead costs about three requests per gone record.
                sendCreates(batch.stream().map(p -> new Pending(p.mongoId(), null, recreateFields.apply(p.record()),
                        p.record())).toList(), options);
                return;
            }
            handle(batch, e, half -> sendUpdates(half, options));
        }
    }

    /**
     * A delete refused with 403 or 404 may name a record that is already gone (deleted by hand; Airtable answers a
     * token 403 INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND or 404 for it): the batch is split until the record stands
     * alone, and a record whose GET is refused the same way counts as deleted. One that is still there was refused:
     * that is a real failure.
     */
    private void sendDeletes(List<Pending> batch) {
        try {
            table.delete(batch.stream().map(Pending::recordId).toList());
            batch.forEach(p -> listener.written(p.mongoId(), p.recordId(), WriteListener.Outcome.DELETED, null));
        } catch (AirtableException e) {
            if (e.status() == 403 || e.status() == 404) {
                if (batch.size() > 1) {
                    int half = batch.size() / 2;
                    sendDeletes(batch.subList(0, half));
                    sendDeletes(batch.subList(half, batch.size()));
                    return;
                }
                Pending p = batch.get(0);
                boolean gone;
                try {
                    gone = alreadyGone(p.recordId());
                } catch (AirtableDeadlineException late) {
                    defer(batch);
                    return;
                }
                if (gone) {
                    listener.written(p.mongoId(), p.recordId(), WriteListener.Outcome.DELETED, null);
                    return;
                }
            }
            handle(batch, e, this::sendDeletes);
        }
    }

    private boolean alreadyGone(String recordId) {
        try {
            table.get(recordId);
            return false;
        } catch (AirtableDeadlineException e) {
            throw e;
        } catch (AirtableException e) {
            return e.status() == 404 || e.status() == 403 && !(e instanceof io.airsync.airtable.AirtableBillingLimitException);
        }
    }

    /**
     * 422 and 413 (request too large): split the batch until the rejected record stands alone; other errors fail the
     * batch, and those that make any further request pointless (token refused, month's calls spent) stop the writer.
     */
    private void handle(List<Pending> batch, AirtableException e, java.util.function.Consumer<List<Pending>> retry) {
        if (e instanceof AirtableDeadlineException) {
            defer(batch);
            return;
        }
        if (e.endsRun() || e.status() == 404 && !"ROW_DOES_NOT_EXIST".equals(e.type())
                && !"MODEL_ID_NOT_FOUND".equals(e.type())) {
            fatal.compareAndSet(null, e);
        }
        if ((e.status() == 422 || e.status() == 413) && batch.size() > 1) {
            int half = batch.size() / 2;
            retry.accept(batch.subList(0, half));
            retry.accept(batch.subList(half, batch.size()));
            return;
        }
        if (e.status() == 0 || e.status() >= 500) {
            // No answer, or a server error after every retry: Airtable may have applied the write or not.
            String cause = unconfirmed(e.status() + " " + e.type()
                    + (e.airtableMessage() == null || e.airtableMessage().isBlank() ? "" : ": " + e.airtableMessage()));
            batch.forEach(p -> listener.failed(p.mongoId(), null, UNCONFIRMED, cause));
            return;
        }
        for (Pending p : batch) {
            listener.failed(p.mongoId(), fieldOf(e, p), e.type(), e.airtableMessage());
        }
    }

    /** The batch was not sent because the run's deadline came first: each record goes back to the run. */
    private void defer(List<Pending> batch) {
        deferred.addAndGet(batch.size());
        batch.forEach(p -> listener.deferred(p.mongoId()));
    }

    /** The error type of a record whose write was sent but never confirmed. */
    public static final String UNCONFIRMED = "UNCONFIRMED";

    /** A batch held back because the run no longer holds the run lock (see {@link #fencedBy}). */
    public static final String NOT_SENT_LOCK_LOST = "NOT_SENT_LOCK_LOST";

    private static String unconfirmed(String cause) {
        return "write not confirmed, the record may or may not be in Airtable (" + cause + "); the next run adopts it "
                + "by key or writes it";
    }

    /**
     * Airtable has no record with this ID any more (deleted by hand since it was last written): a 422
     * ROW_DOES_NOT_EXIST naming the record's own ID ("Record ID recX does not exist in this table"), not a linked one.
     */
    private static boolean vanished(Pending p, AirtableException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        boolean rowGone = "ROW_DOES_NOT_EXIST".equals(e.type()) || "MODEL_ID_NOT_FOUND".equals(e.type());
        return (e.status() == 404 || e.status() == 422) && rowGone && message.contains(p.recordId());
    }

    /**
     * The field a rejection is about. Airtable names it in some messages ({@code Field "Price" cannot accept the
     * provided value}, {@code Unknown field name: "Foo"}) and only quotes the value in others ({@code Insufficient
     * permissions to create new select option ""Pirate King""}, {@code Record ID recXXX does not exist}): a quoted
     * text is taken as the field when it is one the record was sent with, else the field whose value (or record ID)
     * it is.
     */
    static String fieldOf(AirtableException e, Map<String, Object> sent) {
        String m = e.airtableMessage();
        if (m == null) {
            return null;
        }
        java.util.regex.Matcher named = FIELD_NAMED.matcher(m);
        if (named.find()) {
            return named.group(1);
        }
        List<String> quoted = new ArrayList<>();
        java.util.regex.Matcher q = QUOTED.matcher(m);
        while (q.find()) {
            quoted.add(q.group(1));
        }
        // "Record ID recXXXXXXXXXXXXXX does not exist": a link to a record deleted since.
        java.util.regex.Matcher r = RECORD_ID.matcher(m);
        while (r.find()) {
            quoted.add(r.group());
        }
        if (sent != null) {
            for (String text : quoted) {
                if (sent.containsKey(text)) {
                    return text;
                }
            }
            for (String text : quoted) {
                for (Map.Entry<String, Object> f : sent.entrySet()) {
                    Object v = f.getValue();
                    if (text.equals(String.valueOf(v))
                            || v instanceof List<?> list && list.stream().anyMatch(x -> text.equals(String.valueOf(x)))) {
                        return f.getKey();
                    }
                }
            }
        }
        return null;
    }

    private static String fieldOf(AirtableException e, Pending p) {
        return fieldOf(e, p.fields());
    }

    private Pending match(List<Pending> batch, AirtableRecord rec, int index) {
        Object key = rec.fields() == null ? null : rec.fields().get(keyField);
        if (key != null) {
            for (Pending p : batch) {
                if (p.mongoId().equals(String.valueOf(key))) {
                    return p;
                }
            }
        }
        return batch.get(index);
    }
}
