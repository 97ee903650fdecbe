package io.airsync.sync;

import com.mongodb.client.MongoDatabase;
import io.airsync.airtable.AirtableBase;
import io.airsync.convert.ValueConverter;
import io.airsync.convert.ValueNormalizer;
import io.airsync.plan.DocumentConverter;
import io.airsync.source.MongoSourceReader;
import io.airsync.time.Ticker;
import java.util.concurrent.ExecutorService;

/**
 * What every table of one run shares, in three parts: the run's options and time, where documents come from, and
 * where they go.
 */
record RunScope(Options options, Source source, Target target) {

    /**
     * The run's options and clock: {@code budget} says when to stop, {@code lease} whether the run may still write
     * (it holds the lock), {@code ticker} paces the progress log.
     */
    record Options(String runId, boolean dryRun, boolean reconcile, RunBudget budget, RunLease lease, Ticker ticker,
            int progressEvery) {
    }

    /** The source database, how it is read, and how its values become Airtable values. */
    record Source(MongoDatabase db, MongoSourceReader reader, int batchSize, ValueConverter converter,
            ValueNormalizer normalizer, DocumentConverter.LinkTargets links) {
    }

    /** The Airtable base and the writer threads shared by the run's tables. */
    record Target(AirtableBase base, ExecutorService writerPool, int maxInFlight) {
    }
}
