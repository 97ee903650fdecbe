package io.airsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoDatabase;
import io.airsync.mapping.MappingLoader;
import io.airsync.mapping.TableMapping;
import io.airsync.testing.AirsyncTestConfig;
import io.airsync.testing.mongo.EmbeddedMongo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resuming a real collection (wire-protocol MongoDB, through the production connector and reader): after every
 * document, a resume from the persisted resume point reads exactly the documents after it, none skipped, none twice;
 * for ObjectId, int, long, string (24-hex-digit strings among them), UUID, and a collection mixing all of them, in
 * MongoDB's order of types. Each collection is inserted in a shuffled order, so the order comes from the reader.
 */
class SourceResumeTest {

    private static EmbeddedMongo mongo;
    private static MongoConnector connector;
    private static MongoDatabase db;
    private static final Random RANDOM = new Random(20261202);

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.start();
        connector = new MongoConnector(AirsyncTestConfig.of(Map.of("airsync.mongodb.allow-insecure", "true")));
        db = connector.database(mongo.connectionString());
    }

    @AfterAll
    static void stop() {
        if (connector != null) {
            connector.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    @Test
    void objectIds() {
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(new ObjectId(new java.util.Date(1_700_000_000_000L + i * 1000L), i));
        }
        assertResumesEverywhere("oids", ids);
    }

    @Test
    void ints() {
        assertResumesEverywhere("ints", List.of(-5, 0, 1, 2, 9, 10, 11, 99, 100, 1000, 65_536, Integer.MAX_VALUE));
    }

    @Test
    void longs() {
        assertResumesEverywhere("longs", List.of(-3L, 1L, 2L, 10L, 4_294_967_296L, 9_007_199_254_740_993L,
                Long.MAX_VALUE));
    }

    @Test
    void stringsIncludingTwentyFourHexDigitOnes() {
        // Hex-looking strings around ObjectId-looking values and plain words: a resume point rebuilt as an ObjectId
        // from "65a1..." would jump to the ObjectIds (none here) and skip the rest.
        assertResumesEverywhere("strings", List.of("", "0", "10", "9", "65a1b2c3d4e5f60718293a4b",
                "65a1b2c3d4e5f60718293a4c", "ffffffffffffffffffffffff", "Zeta", "alpha", "alpha-2", "beta", "é"));
    }

    @Test
    void uuids() {
        List<Object> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(new UUID(RANDOM.nextLong(), RANDOM.nextLong()));
        }
        ids.add(UUID.fromString("00000000-0000-0000-0000-000000000000"));
        ids.add(UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        assertResumesEverywhere("uuids", ids);
    }

    @Test
    void mixedTypesInMongoDbsOrder() {
        // Numbers (int, long and double together, by value), then strings, then binary (UUID), then ObjectIds.
        List<Object> expected = List.of(1, 2L, 2.5, 3, 40L, "1", "65a1b2c3d4e5f60718293a4b", "b",
                UUID.fromString("0b7e4c7e-3a7e-4f6c-9d2a-1b2c3d4e5f60"),
                UUID.fromString("9b7e4c7e-3a7e-4f6c-9d2a-1b2c3d4e5f60"),
                new ObjectId("65a1b2c3d4e5f60718293a4b"), new ObjectId("65a1b2c3d4e5f60718293a4c"));
        insertShuffled("mixed", expected);
        TableMapping table = table("mixed", false);
        assertEquals(typed(expected), readAfter(table, null), "MongoDB's order of types");
        assertResumesEverywhere(table, typed(expected));
    }

    @Test
    void aPipelineSourceResumesTheSameWay() {
        List<Object> ids = List.of(3, 7L, "65a1b2c3d4e5f60718293a4b", "x", UUID.fromString("0b7e4c7e-3a7e-4f6c-9d2a-1b2c3d4e5f60"),
                new ObjectId("65a1b2c3d4e5f60718293a4b"));
        insertShuffled("piped", ids);
        TableMapping table = table("piped", true);
        assertEquals(typed(ids), readAfter(table, null));
        assertResumesEverywhere(table, typed(ids));
    }

    // ------------------------------------------------------------------------------------------------------------

    private void assertResumesEverywhere(String collection, List<Object> ids) {
        insertShuffled(collection, ids);
        TableMapping table = table(collection, false);
        List<BsonValue> all = readAfter(table, null);
        assertEquals(ids.size(), all.size(), "every document read once");
        assertResumesEverywhere(table, all);
    }

    /** After each document, a resume from its persisted form reads exactly the ones after it. */
    private void assertResumesEverywhere(TableMapping table, List<BsonValue> all) {
        for (int i = 0; i < all.size(); i++) {
            BsonValue resumePoint = SourceId.fromJson(SourceId.toJson(all.get(i)));
            assertEquals(all.subList(i + 1, all.size()), readAfter(table, resumePoint),
                    "resumed after " + SourceId.toJson(all.get(i)));
        }
    }

    private static void insertShuffled(String collection, List<Object> ids) {
        List<Object> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, RANDOM);
        List<Document> docs = new ArrayList<>();
        for (Object id : shuffled) {
            docs.add(new Document("_id", id).append("name", "n" + docs.size()));
        }
        db.getCollection(collection).insertMany(docs);
    }

    private static List<BsonValue> readAfter(TableMapping table, BsonValue after) {
        List<BsonValue> read = new ArrayList<>();
        // A small batch size: the resume point also has to hold across getMore batches.
        new MongoSourceReader().read(db, table, after, 4, doc -> read.add(SourceId.of(doc.get("_id"))));
        return read;
    }

    private static List<BsonValue> typed(List<Object> ids) {
        return ids.stream().map(SourceId::of).toList();
    }

    private static TableMapping table(String collection, boolean pipeline) {
        String source = pipeline
                ? "{ collection: " + collection + ", pipeline: [ { $addFields: { piped: true } } ] }"
                : "{ collection: " + collection + " }";
        return new MappingLoader().parse("test", """
                tables:
                  - name: T
                    source: %s
                    keyField: Mongo ID
                    fields:
                      - { airtable: Name, source: name, type: singleLineText }
                """.formatted(source)).table("T").orElseThrow();
    }
}
