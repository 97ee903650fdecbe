package io.airsync.sync;

import io.airsync.airtable.AirtableTable;
import io.airsync.mapping.MirrorMode;
import io.airsync.mapping.TableMapping;
import io.airsync.plan.AirtableIndex;
import io.airsync.plan.DocumentConverter;
import io.airsync.plan.KnownRecord;
import io.airsync.plan.SourceRecord;
import io.airsync.write.TableWriter;
import io.airsync.write.WriteListener;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Mirror mode, after a table's documents were all handled: Airtable records whose source document is gone are deleted
 * or flagged, both through {@link TableWriter} (batches of 10, a refused record isolated and reported alone).
 * Deletes and flags the run's deadline refused are left for the next invocation, which runs the pass again from the
 * saved state (records deleted are gone from it, so nothing is deleted twice).
 */
final class MirrorPass {

    private final TableMapping table;
    private final RunScope scope;
    private final TableCounters counters;
    private final DryRunSampler sampler;

    /** How many records were deleted or flagged; {@code finished} false when the deadline left some for later. */
    record Result(long done, boolean finished) {
    }

    MirrorPass(TableMapping table, RunScope scope, TableCounters counters, DryRunSampler sampler) {
        this.table = table;
        this.scope = scope;
        this.counters = counters;
        this.sampler = sampler;
    }

    /**
     * @param written what the table's state holds now, by MongoDB id
     * @param index   what Airtable holds (when it was read back), or null
     * @param removed collects the ids whose records were deleted (dropped from state afterwards)
     * @param schemaCheck the table's schema check, run before anything is deleted or flagged
     * @return how many records were deleted or flagged (or, in a dry run, would be), and whether all were
     */
    Result run(AirtableTable airtable, Map<String, KnownRecord> written, AirtableIndex index, Set<String> removed,
            Runnable schemaCheck) {
        // Only the ids are copied (the records stay where they are): memory for a set of references.
        Set<String> ids = new HashSet<>(written.keySet());
        if (index != null) {
            ids.addAll(index.keyed().keySet());
        }
        RunScope.Source source = scope.source();
        source.reader().readIds(source.db(), table, source.batchSize(), id -> {
            try {
                ids.remove(DocumentConverter.mongoId(id));
            } catch (RuntimeException unkeyable) {
                // An _id no key can hold has no Airtable record (it failed when read): nothing to keep.
            }
        });
        if (ids.isEmpty()) {
            return new Result(0, true);
        }
        schemaCheck.run();
        Map<String, KnownRecord> gone = new LinkedHashMap<>();
        for (String id : ids) {
            gone.put(id, written.containsKey(id) ? written.get(id) : index.keyed().get(id));
        }
        if (scope.options().dryRun()) {
            gone.keySet().stream().limit(5).forEach(id -> sampler.sample("delete", id, Map.of(), gone.get(id).recordId()));
            return new Result(gone.size(), true);
        }
        boolean flag = table.mirror().mode() == MirrorMode.flag;
        TableWriter writer = new TableWriter(airtable, table.keyField(), scope.target().writerPool(),
                scope.target().maxInFlight(), new WriteListener() {
                    @Override
                    public void written(String mongoId, String recordId, Outcome outcome, SourceRecord record) {
                        if (!flag) {
                            removed.add(mongoId);
                        }
                        counters.deleted.incrementAndGet();
                    }

                    @Override
                    public void failed(String mongoId, String field, String type, String message) {
                        counters.fail(mongoId, field, type, message);
                    }

                    @Override
                    public void deferred(String mongoId) {
                        // Still in the state: the next invocation's pass deletes (or flags) it.
                    }
                }).fencedBy(scope.options().lease()::held);
        Map<String, Object> flagged = flag ? Map.of(table.mirror().flagField(), true) : Map.of();
        boolean handedAll = true;
        for (Map.Entry<String, KnownRecord> e : gone.entrySet()) {
            if (writer.deferred() > 0 || scope.options().budget().spent()) {
                handedAll = false;
                break;
            }
            String mongoId = e.getKey();
            KnownRecord k = e.getValue();
            if (flag) {
                writer.update(mongoId, k.recordId(), flagged);
            } else {
                writer.delete(mongoId, k.recordId());
            }
        }
        writer.flush();
        if (writer.fenced()) {
            throw scope.options().lease().lostError();
        }
        long done = counters.deleted.getAndSet(0);
        if (writer.fatal() != null && (flag || writer.fatal().endsRun())) {
            // Flags are one update of the table: a refusal that ends writing (token, table gone) fails the table.
            throw writer.fatal();
        }
        return new Result(done, handedAll && writer.deferred() == 0);
    }
}
