package io.airsync.state;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.airsync.aws.AwsErrors;
import io.airsync.plan.KnownRecord;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * State in one DynamoDB table (partition key {@code pk} S, sort key {@code sk} S, TTL attribute {@code expiresAt}).
 *
 * <pre>
 * pk             sk                          attributes
 * table#&lt;name&gt;   manifest                    generation S, chunkCount N, recordCount N, fieldNames L&lt;S&gt;, savedAt S
 * table#&lt;name&gt;   chunk#&lt;generation&gt;#000000     data B (gzipped records, see StateCodec), records N
 * lock           run                         owner S, expiresAt N (epoch seconds, TTL), acquiredAt S
 * run            checkpoint                  checkpoint S (RunCheckpoint as JSON), savedAt S
 * </pre>
 *
 * A save writes the records as chunks of about 350 KB under a new generation (BatchWriteItem, 25 at a time), then
 * makes that generation current with one conditional write of the manifest, then deletes the previous generation's
 * chunks by key. A crash before the manifest write leaves the previous version current and readable; its orphan
 * chunks are removed by a later save. A load is one GetItem of the manifest plus a paginated Query of its
 * generation's chunks (1 MB a page): 100,000 records with 8 fields take 8 requests to load and 4 to 7 to save.
 */
public class DynamoDbStateStore implements StateBackend {

    private static final Logger LOG = Logger.getLogger(DynamoDbStateStore.class);

    /** Raw bytes per chunk before gzip: below DynamoDB's 400 KB item limit with room to spare. */
    public static final int DEFAULT_CHUNK_BYTES = 350_000;
    private static final int BATCH_LIMIT = 25;
    /** Chunks of a generation that never became current are deleted once they are this old (a crashed save). */
    private static final Duration ORPHAN_AGE = Duration.ofHours(1);

    static final String PK = "pk";
    static final String SK = "sk";
    static final String EXPIRES_AT = "expiresAt";
    static final String MANIFEST = "manifest";
    static final String CHUNK_PREFIX = "chunk#";

    private final Supplier<DynamoDbClient> clientSupplier;
    private volatile DynamoDbClient client;
    private final String tableName;
    private final Clock clock;
    private final int chunkBytes;

    /**
     * @param client     called once, on first use, so that building the store needs no AWS configuration
     * @param tableName  the DynamoDB table
     * @param chunkBytes raw bytes per chunk (tests make it small to get many chunks)
     */
    public DynamoDbStateStore(Supplier<DynamoDbClient> client, String tableName, Clock clock, int chunkBytes) {
        this.clientSupplier = Objects.requireNonNull(client);
        this.tableName = Objects.requireNonNull(tableName);
        this.clock = clock;
        this.chunkBytes = chunkBytes;
    }


    @Override
    public void verifyAccess() {
        try {
            getItem(LOCK_PK, LOCK_SK);
        } catch (SdkException e) {
            throw failure("reading", e);
        }
    }

    // ---------------------------------------------------------------------------------------------- table state

    @Override
    public TableState loadTable(String table, List<String> currentFields) {
        String pk = tablePk(table);
        try {
            Map<String, AttributeValue> manifest = getItem(pk, MANIFEST);
            if (manifest == null) {
                return TableState.empty(currentFields);
            }
            String generation;
            int chunkCount;
            long recordCount;
            List<String> savedFields;
            try {
                generation = manifest.get("generation").s();
                chunkCount = Integer.parseInt(manifest.get("chunkCount").n());
                recordCount = Long.parseLong(manifest.get("recordCount").n());
                savedFields = manifest.get("fieldNames").l().stream().map(AttributeValue::s).toList();
            } catch (RuntimeException e) {
                return unreadable(table, currentFields, "its manifest is damaged (" + e.getClass().getSimpleName() + ")");
            }
            StateCodec.FieldAlignment alignment = new StateCodec.FieldAlignment(savedFields, currentFields);

            Map<String, KnownRecord> records = new java.util.concurrent.ConcurrentHashMap<>(StateCodec.capacityFor(recordCount));
            int[] chunksRead = {0};
            String[] corrupt = {null};
            queryChunks(pk, CHUNK_PREFIX + generation + "#", item -> {
                if (corrupt[0] != null) {
                    return;
                }
                try {
                    AttributeValue data = item.get("data");
                    if (data == null || data.b() == null) {
                        throw new StateCodec.UnreadableStateException("no data attribute", null);
                    }
                    StateCodec.readChunk(data.b().asByteArrayUnsafe(), alignment, records);
                    chunksRead[0]++;
                } catch (StateCodec.UnreadableStateException e) {
                    corrupt[0] = "chunk " + item.get(SK).s() + " is unreadable: " + e.getMessage();
                }
            });
            if (corrupt[0] != null) {
                return unreadable(table, currentFields, corrupt[0]);
            }
            if (chunksRead[0] != chunkCount || records.size() != recordCount) {
                return unreadable(table, currentFields, "it is incomplete: generation " + generation + " should have " + chunkCount
                        + " chunks and " + recordCount + " records, found " + chunksRead[0] + " and " + records.size());
            }
            return new TableState(currentFields, records, true);
        } catch (SdkException e) {
            throw failure("loading the state of table '" + table + "'", e);
        }
    }

    /** State that cannot be read is treated as none (the run reads Airtable back); the reason goes to the report. */
    private TableState unreadable(String table, List<String> currentFields, String what) {
        String reason = "the state of table '" + table + "' in DynamoDB table '" + tableName + "' is unreadable: " + what;
        LOG.warnf("%s; treated as no state", reason);
        return TableState.unreadable(currentFields, reason);
    }

    @Override
    public void saveTable(String table, TableState state) {
        String pk = tablePk(table);
        String generation = newGeneration();
        Map<String, AttributeValue> manifest;
        String oldGeneration;
        try {
            manifest = getItem(pk, MANIFEST);
            oldGeneration = manifest == null ? null : generationOf(manifest);
            int[] counts = writeChunks(pk, generation, state);
            makeCurrent(table, pk, generation, manifest != null, oldGeneration, counts[0], counts[1],
                    state.fieldNames());
        } catch (SdkException e) {
            throw failure("saving the state of table '" + table + "'", e);
        }
        try {
            Integer oldChunks = manifest == null ? null : chunkCountOf(manifest);
            if (oldGeneration != null && oldChunks != null) {
                deleteGeneration(pk, oldGeneration, oldChunks);
            }
            // A damaged manifest named no previous generation: its chunks are orphans, removed once old.
            deleteOrphans(pk, generation, oldGeneration);
        } catch (SdkException | StateStoreException e) {
            LOG.warnf("Saved the state of table '%s', but could not delete its previous chunks (%s); "
                    + "the next save removes them", table, e.getMessage());
        }
    }

    /** Writes the records under {@code generation} without making it current; returns {chunks, records}. */
    int[] writeChunks(String pk, String generation, TableState state) {
        int chunkIndex = 0;
        int recordCount = 0;
        List<WriteRequest> batch = new ArrayList<>(BATCH_LIMIT);
        Iterator<StateCodec.Chunk> chunks = StateCodec.chunks(state.records(), chunkBytes);
        while (chunks.hasNext()) {
            StateCodec.Chunk chunk = chunks.next();
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(PK, s(pk));
            item.put(SK, s(chunkSk(generation, chunkIndex)));
            item.put("data", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(chunk.gzipped())));
            item.put("records", n(chunk.recordCount()));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            chunkIndex++;
            recordCount += chunk.recordCount();
            if (batch.size() == BATCH_LIMIT) {
                batchWrite(batch);
                batch = new ArrayList<>(BATCH_LIMIT);
            }
        }
        if (!batch.isEmpty()) {
            batchWrite(batch);
        }
        return new int[] {chunkIndex, recordCount};
    }

    /** The generation a manifest names, or null when that attribute is damaged. */
    private static String generationOf(Map<String, AttributeValue> manifest) {
        AttributeValue g = manifest.get("generation");
        return g == null ? null : g.s();
    }

    private static Integer chunkCountOf(Map<String, AttributeValue> manifest) {
        try {
            return Integer.parseInt(manifest.get("chunkCount").n());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * @param replaces whether a manifest exists: the new one replaces it only if it still names {@code oldGeneration}
     *                 (or, when that was damaged, still names none)
     */
    private void makeCurrent(String table, String pk, String generation, boolean replaces, String oldGeneration,
            int chunkCount, int recordCount, List<String> fieldNames) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(pk));
        item.put(SK, s(MANIFEST));
        item.put("generation", s(generation));
        item.put("chunkCount", n(chunkCount));
        item.put("recordCount", n(recordCount));
        item.put("fieldNames", AttributeValue.fromL(fieldNames.stream().map(DynamoDbStateStore::s).toList()));
        item.put("savedAt", s(clock.instant().toString()));
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        String condition;
        if (!replaces) {
            condition = "attribute_not_exists(#pk)";
            names.put("#pk", PK);
        } else if (oldGeneration == null) {
            condition = "attribute_not_exists(#generation) OR NOT attribute_type(#generation, :string)";
            names.put("#generation", "generation");
            values.put(":string", s("S"));
        } else {
            condition = "#generation = :old";
            names.put("#generation", "generation");
            values.put(":old", s(oldGeneration));
        }
        try {
            client().putItem(b -> b.tableName(tableName).item(item).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values.isEmpty() ? null : values));
        } catch (ConditionalCheckFailedException e) {
            try {
                deleteGeneration(pk, generation, chunkCount);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw new StateStoreException("The state of table '" + table + "' in DynamoDB table '" + tableName
                    + "' was saved by another run meanwhile; this save was discarded", e);
        }
    }

    /** Deletes a generation's chunks by their keys (known from its chunk count): no reads. */
    private void deleteGeneration(String pk, String generation, int chunkCount) {
        List<WriteRequest> batch = new ArrayList<>(BATCH_LIMIT);
        for (int i = 0; i < chunkCount; i++) {
            batch.add(deleteRequest(pk, chunkSk(generation, i)));
            if (batch.size() == BATCH_LIMIT || i == chunkCount - 1) {
                batchWrite(batch);
                batch = new ArrayList<>(BATCH_LIMIT);
            }
        }
    }

    /**
     * Deletes the chunks of crashed saves: generations older than the one just made current, other than the
     * previous one (deleted by key), and older than {@link #ORPHAN_AGE} (a younger one may be a save in progress).
     * Generations sort by time, so the key ranges below skip the current and previous chunks without reading them;
     * without crashes each range is one empty Query.
     */
    private void deleteOrphans(String pk, String current, String previous) {
        List<String[]> ranges = new ArrayList<>();
        if (previous == null || previous.compareTo(current) > 0) {
            ranges.add(new String[] {CHUNK_PREFIX, CHUNK_PREFIX + current});
        } else {
            ranges.add(new String[] {CHUNK_PREFIX, CHUNK_PREFIX + previous});
            // '$' sorts right after '#': past every "chunk#<previous>#nnnnnn".
            ranges.add(new String[] {CHUNK_PREFIX + previous + "$", CHUNK_PREFIX + current});
        }
        List<WriteRequest> deletes = new ArrayList<>();
        for (String[] range : ranges) {
            Map<String, AttributeValue> startKey = null;
            do {
                QueryResponse page = client().query(QueryRequest.builder()
                        .tableName(tableName)
                        .consistentRead(true)
                        .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                        .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                        .expressionAttributeValues(Map.of(":pk", s(pk), ":from", s(range[0]), ":to", s(range[1])))
                        .projectionExpression("#pk, #sk")
                        .exclusiveStartKey(startKey)
                        .build());
                for (Map<String, AttributeValue> item : page.items()) {
                    String sk = item.get(SK).s();
                    if (sk.startsWith(CHUNK_PREFIX) && isOrphan(generationOf(sk))) {
                        deletes.add(deleteRequest(pk, sk));
                    }
                }
                startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                        ? page.lastEvaluatedKey() : null;
            } while (startKey != null);
        }
        for (int from = 0; from < deletes.size(); from += BATCH_LIMIT) {
            batchWrite(deletes.subList(from, Math.min(deletes.size(), from + BATCH_LIMIT)));
        }
    }

    private static WriteRequest deleteRequest(String pk, String sk) {
        return WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key(pk, sk)).build()).build();
    }

    private void queryChunks(String pk, String skPrefix, Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = client().query(QueryRequest.builder()
                    .tableName(tableName)
                    .consistentRead(true)
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                    .expressionAttributeNames(Map.of("#pk", PK, "#sk", SK))
                    .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(skPrefix)))
                    .exclusiveStartKey(startKey)
                    .build());
            page.items().forEach(each);
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
    }

    /** BatchWriteItem, resubmitting UnprocessedItems with backoff (throttling) until all are written. */
    private void batchWrite(List<WriteRequest> requests) {
        @SuppressWarnings("unchecked")
        Map<String, List<WriteRequest>>[] pending = new Map[] {Map.of(tableName, requests)};
        RetryPolicy<Map<String, List<WriteRequest>>> retry = RetryPolicy.<Map<String, List<WriteRequest>>>builder()
                .handleResultIf(unprocessed -> unprocessed != null && !unprocessed.isEmpty())
                .withBackoff(Duration.ofMillis(50), Duration.ofSeconds(5))
                .withJitter(0.25)
                .withMaxRetries(10)
                .build();
        Map<String, List<WriteRequest>> left;
        try {
            left = Failsafe.with(retry).get(() -> {
                BatchWriteItemResponse response = client().batchWriteItem(b -> b.requestItems(pending[0]));
                Map<String, List<WriteRequest>> unprocessed = response.hasUnprocessedItems()
                        ? response.unprocessedItems() : Map.of();
                if (!unprocessed.isEmpty()) {
                    pending[0] = unprocessed;
                }
                return unprocessed;
            });
        } catch (FailsafeException e) {
            throw e.getCause() instanceof SdkException sdk ? sdk : e;
        }
        if (!left.isEmpty()) {
            throw new StateStoreException("DynamoDB table '" + tableName + "' left "
                    + left.values().stream().mapToInt(List::size).sum() + " items unprocessed after retries", null);
        }
    }

    // ----------------------------------------------------------------------------------------------- checkpoint

    static final String RUN_PK = "run";
    static final String CHECKPOINT_SK = "checkpoint";

    @Override
    public Optional<RunCheckpoint> load() {
        Map<String, AttributeValue> item;
        try {
            item = getItem(RUN_PK, CHECKPOINT_SK);
        } catch (SdkException e) {
            throw failure("loading the checkpoint", e);
        }
        if (item == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(CheckpointJson.read(item.get("checkpoint").s()));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableCheckpointException("the checkpoint in DynamoDB table '" + tableName
                    + "' is unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(RunCheckpoint checkpoint) {
        String json = CheckpointJson.write(checkpoint);
        try {
            client().putItem(b -> b.tableName(tableName).item(Map.of(PK, s(RUN_PK), SK, s(CHECKPOINT_SK),
                    "checkpoint", s(json), "savedAt", s(clock.instant().toString()))));
        } catch (SdkException e) {
            throw failure("saving the checkpoint", e);
        }
    }

    @Override
    public void clear() {
        try {
            client().deleteItem(b -> b.tableName(tableName).key(key(RUN_PK, CHECKPOINT_SK)));
        } catch (SdkException e) {
            throw failure("clearing the checkpoint", e);
        }
    }

    // ----------------------------------------------------------------------------------------------------- lock

    static final String LOCK_PK = "lock";
    static final String LOCK_SK = "run";

    /** Takes the lock if it is free, expired, or already held by {@code owner} (which renews it). */
    @Override
    public Optional<RunLock> tryLock(String owner, Duration lease) {
        LockLease.require(owner, lease);
        Instant now = clock.instant();
        RunLock lock = new RunLock(owner, owner, now, LockLease.expiryOf(now, lease));
        try {
            client().putItem(b -> b.tableName(tableName).item(lockItem(lock))
                    .conditionExpression("attribute_not_exists(#pk) OR #expiresAt < :now OR #owner = :owner")
                    .expressionAttributeNames(Map.of("#pk", PK, "#expiresAt", EXPIRES_AT, "#owner", "owner"))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()), ":owner", s(owner))));
            return Optional.of(lock);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("taking the run lock", e);
        }
    }

    /** One conditional write: only while {@code lock.owner()} is still the owner. */
    @Override
    public Optional<RunLock> renew(RunLock lock, Duration lease) {
        LockLease.require(lock.owner(), lease);
        Instant now = clock.instant();
        RunLock renewed = new RunLock(lock.owner(), lock.runId(), lock.acquiredAt(), LockLease.expiryOf(now, lease));
        try {
            client().putItem(b -> b.tableName(tableName).item(lockItem(renewed))
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", s(lock.owner()))));
            return Optional.of(renewed);
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw failure("renewing the run lock", e);
        }
    }

    @Override
    public Optional<RunLock> holder() {
        Map<String, AttributeValue> item;
        try {
            item = getItem(LOCK_PK, LOCK_SK);
        } catch (SdkException e) {
            throw failure("reading the run lock", e);
        }
        if (item == null || item.get("owner") == null || item.get(EXPIRES_AT) == null) {
            return Optional.empty();
        }
        String owner = item.get("owner").s();
        AttributeValue runId = item.get("runId");
        AttributeValue acquiredAt = item.get("acquiredAt");
        return Optional.of(new RunLock(owner, runId == null ? owner : runId.s(),
                acquiredAt == null ? null : Instant.parse(acquiredAt.s()),
                Instant.ofEpochSecond(Long.parseLong(item.get(EXPIRES_AT).n()))));
    }

    private static Map<String, AttributeValue> lockItem(RunLock lock) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(PK, s(LOCK_PK));
        item.put(SK, s(LOCK_SK));
        item.put("owner", s(lock.owner()));
        item.put("runId", s(lock.runId()));
        item.put(EXPIRES_AT, n(lock.expiresAt().getEpochSecond()));
        if (lock.acquiredAt() != null) {
            item.put("acquiredAt", s(lock.acquiredAt().toString()));
        }
        return item;
    }

    @Override
    public void release(RunLock lock) {
        try {
            client().deleteItem(b -> b.tableName(tableName).key(key(LOCK_PK, LOCK_SK))
                    .conditionExpression("#owner = :owner")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":owner", s(lock.owner()))));
        } catch (ConditionalCheckFailedException e) {
            LOG.debugf("Lock not released: %s no longer holds it", lock.owner());
        } catch (SdkException e) {
            throw failure("releasing the run lock", e);
        }
    }

    @Override
    public String describe() {
        return "DynamoDB table " + tableName;
    }

    public String tableName() {
        return tableName;
    }

    // ---------------------------------------------------------------------------------------------------- helpers

    private DynamoDbClient client() {
        DynamoDbClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = Objects.requireNonNull(clientSupplier.get(), "DynamoDbClient");
                    client = c;
                }
            }
        }
        return c;
    }

    private Map<String, AttributeValue> getItem(String pk, String sk) {
        var response = client().getItem(b -> b.tableName(tableName).key(key(pk, sk)).consistentRead(true));
        return response.hasItem() && !response.item().isEmpty() ? response.item() : null;
    }

    static String tablePk(String table) {
        return "table#" + table;
    }

    static String chunkSk(String generation, int index) {
        return CHUNK_PREFIX + generation + "#" + String.format("%06d", index);
    }

    /** {@code <epoch millis, 13 digits>-<random>}: sortable, and its age tells an orphan from a save in progress. */
    private String newGeneration() {
        return String.format("%013d-%08x", clock.millis(), ThreadLocalRandom.current().nextInt());
    }

    private static String generationOf(String chunkSk) {
        String rest = chunkSk.substring(CHUNK_PREFIX.length());
        int hash = rest.lastIndexOf('#');
        return hash < 0 ? rest : rest.substring(0, hash);
    }

    private boolean isOrphan(String generation) {
        try {
            long millis = Long.parseLong(generation.substring(0, generation.indexOf('-')));
            return Instant.ofEpochMilli(millis).isBefore(clock.instant().minus(ORPHAN_AGE));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private StateStoreException failure(String what, SdkException e) {
        return new StateStoreException("DynamoDB state table '" + tableName + "': " + what + " failed ("
                + AwsErrors.describe(e) + ")", e);
    }
}
