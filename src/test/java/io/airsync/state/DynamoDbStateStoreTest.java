package io.airsync.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.testing.aws.Dynalite;
import io.airsync.testing.aws.RequestCounter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The state store contract against dynalite, plus what only DynamoDB has: request counts, chunks, generations. */
class DynamoDbStateStoreTest extends StateStoreContractTest {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static Dynalite dynalite;
    private static DynamoDbClient client;
    private static final RequestCounter REQUESTS = new RequestCounter();

    private String tableName;
    private DynamoDbStateStore store;

    @BeforeAll
    static void startDynalite() {
        dynalite = Dynalite.start();
        client = dynalite.client(REQUESTS);
    }

    @AfterAll
    static void stopDynalite() {
        if (client != null) {
            client.close();
        }
        if (dynalite != null) {
            dynalite.close();
        }
    }

    @BeforeEach
    void createTable() {
        tableName = "airsync-state-" + TABLES.incrementAndGet();
        Dynalite.createStateTable(client, tableName);
        store = new DynamoDbStateStore(() -> client, tableName, clock, DynamoDbStateStore.DEFAULT_CHUNK_BYTES);
        REQUESTS.reset();
    }

    @Override
    protected StateBackend store() {
        return store;
    }

    /** New-generation chunks written, manifest never flipped. */
    @Override
    protected void simulateCrashedSave(String table, TableState state) {
        store.writeChunks(DynamoDbStateStore.tablePk(table), String.format("%013d-deadbeef", clock.millis()), state);
    }

    @Test
    void savingAndLoadingOneHundredThousandRecordsTakesAHandfulOfRequests() {
        TableState saved = randomState(100_000, FIELDS, 11);

        REQUESTS.reset();
        store.saveTable("Users", saved);
        long saveRequests = REQUESTS.total();
        String saveDetail = REQUESTS.toString();

        REQUESTS.reset();
        TableState loaded = store.loadTable("Users", FIELDS);
        long loadRequests = REQUESTS.total();

        assertSameRecords(saved.records(), loaded.records());
        System.out.printf("100,000 records: save %d requests %s, load %d requests %s%n", saveRequests, saveDetail,
                loadRequests, REQUESTS);
        assertTrue(saveRequests <= 20, "save took " + saveRequests + " requests: " + saveDetail);
        assertTrue(loadRequests <= 20, "load took " + loadRequests + " requests: " + REQUESTS);
        Map<String, Long> byOperation = REQUESTS.byOperation();
        assertEquals(1L, byOperation.get("GetItem"));
        assertTrue(byOperation.get("Query") >= 2, "100,000 records span several query pages: " + byOperation);
    }

    @Test
    void manySmallChunksArePagedThroughAndOldGenerationsDeleted() {
        DynamoDbStateStore smallChunks = new DynamoDbStateStore(() -> client, tableName, clock, 2_000);
        TableState first = randomState(3_000, FIELDS, 12);
        smallChunks.saveTable("Users", first);
        int firstChunks = chunkCount("Users");
        assertTrue(firstChunks > 100, "expected many chunks, got " + firstChunks);

        TableState second = randomState(1_000, FIELDS, 13);
        smallChunks.saveTable("Users", second);

        assertSameRecords(second.records(), smallChunks.loadTable("Users", FIELDS).records());
        assertEquals(chunkCountOfGeneration("Users", currentGeneration("Users")), chunkCount("Users"),
                "only the current generation's chunks remain");
    }

    @Test
    void orphanChunksOfACrashedSaveAreRemovedOnceOld() {
        store.saveTable("Users", randomState(100, FIELDS, 14));
        simulateCrashedSave("Users", randomState(100, FIELDS, 15));
        int withOrphans = chunkCount("Users");

        store.saveTable("Users", randomState(100, FIELDS, 16));
        assertEquals(withOrphans, chunkCount("Users"), "a recent orphan may be a save in progress: kept");

        clock.advance(Duration.ofHours(2));
        store.saveTable("Users", randomState(100, FIELDS, 17));
        assertEquals(chunkCountOfGeneration("Users", currentGeneration("Users")), chunkCount("Users"));
    }

    @Override
    protected void putRawCheckpoint(String json) {
        client.putItem(b -> b.tableName(tableName).item(Map.of("pk", AttributeValue.fromS("run"),
                "sk", AttributeValue.fromS("checkpoint"), "checkpoint", AttributeValue.fromS(json))));
    }

    @Override
    protected void damageStoredState(String table, Damage damage) {
        Map<String, AttributeValue> key = Map.of(
                "pk", AttributeValue.fromS(DynamoDbStateStore.tablePk(table)),
                "sk", AttributeValue.fromS(DynamoDbStateStore.chunkSk(currentGeneration(table), 0)));
        Map<String, AttributeValue> chunk = new java.util.HashMap<>(
                client.getItem(b -> b.tableName(tableName).key(key).consistentRead(true)).item());
        byte[] bytes = chunk.get("data").b().asByteArray();
        chunk.put("data", AttributeValue.fromB(software.amazon.awssdk.core.SdkBytes.fromByteArray(damaged(bytes, damage))));
        client.putItem(b -> b.tableName(tableName).item(chunk));
    }

    @Test
    void aMissingChunkMakesTheStateUnreadableNotSilentlyPartial() {
        store.saveTable("Users", randomState(100, FIELDS, 18));
        String generation = currentGeneration("Users");
        client.deleteItem(b -> b.tableName(tableName).key(Map.of(
                "pk", AttributeValue.fromS("table#Users"),
                "sk", AttributeValue.fromS(DynamoDbStateStore.chunkSk(generation, 0)))));

        TableState state = store.loadTable("Users", FIELDS);

        assertFalse(state.exists());
        assertTrue(state.records().isEmpty());
        assertTrue(state.unreadable().contains("'Users'") && state.unreadable().contains(tableName)
                && state.unreadable().contains("incomplete"), state.unreadable());
    }

    @Test
    void aDamagedManifestIsUnreadableAndTheNextSaveReplacesIt() {
        store.saveTable("Users", randomState(100, FIELDS, 19));
        client.updateItem(b -> b.tableName(tableName).key(Map.of("pk", AttributeValue.fromS("table#Users"),
                "sk", AttributeValue.fromS("manifest"))).updateExpression("REMOVE generation"));

        assertTrue(store.loadTable("Users", FIELDS).unreadable().contains("manifest"));

        TableState healed = randomState(120, FIELDS, 20);
        store.saveTable("Users", healed);
        assertSameRecords(healed.records(), store.loadTable("Users", FIELDS).records());
    }

    @Test
    void verifyAccessNamesTheTableAndTheAwsErrorCode() {
        DynamoDbStateStore missing = new DynamoDbStateStore(() -> client, "no-such-table", clock, DynamoDbStateStore.DEFAULT_CHUNK_BYTES);

        StateStoreException e = assertThrows(StateStoreException.class, missing::verifyAccess);

        assertTrue(e.getMessage().contains("'no-such-table'"), e.getMessage());
        assertTrue(e.getMessage().contains("ResourceNotFoundException"), e.getMessage());
        assertFalse(e.getMessage().contains(Dynalite.SECRET_KEY), e.getMessage());
    }

    @Test
    void theClientIsOnlyAskedForOnFirstUse() {
        DynamoDbStateStore lazy = new DynamoDbStateStore(() -> {
            throw new IllegalStateException("no AWS here");
        }, "t", clock, DynamoDbStateStore.DEFAULT_CHUNK_BYTES);
        assertEquals("DynamoDB table t", lazy.describe());
        assertThrows(IllegalStateException.class, () -> lazy.loadTable("Users", List.of()));
    }

    @Test
    void theLockItemCarriesItsExpiryAsTheTtlAttribute() {
        RunLock lock = store.tryLock("run-a", Duration.ofMinutes(16)).orElseThrow();
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tableName).key(Map.of(
                "pk", AttributeValue.fromS("lock"), "sk", AttributeValue.fromS("run")))).item();
        assertEquals("run-a", item.get("owner").s());
        assertEquals(Long.toString(lock.expiresAt().getEpochSecond()), item.get("expiresAt").n());
    }

    private int chunkCount(String table) {
        return chunkCountWithPrefix(table, "chunk#");
    }

    private int chunkCountOfGeneration(String table, String generation) {
        return chunkCountWithPrefix(table, "chunk#" + generation + "#");
    }

    private int chunkCountWithPrefix(String table, String prefix) {
        int count = 0;
        for (var page : client.queryPaginator(b -> b.tableName(tableName)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                .projectionExpression("sk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("table#" + table),
                        ":p", AttributeValue.fromS(prefix))))) {
            count += page.count();
        }
        return count;
    }

    private String currentGeneration(String table) {
        return client.getItem(b -> b.tableName(tableName).key(Map.of("pk", AttributeValue.fromS("table#" + table),
                "sk", AttributeValue.fromS("manifest")))).item().get("generation").s();
    }
}
