package io.airsync.testing.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads ~60 MB back through the real driver: more than the 48 MB one reply may carry, so it only works when the
 * server cuts results into batches. The same reads against the stock memory backend fail, which shows the test can.
 */
class EmbeddedMongoBatchingTest {

    private static final int AUTHORS = 1_000;
    private static final int NOTES = 30_000;
    private static final int TEXT_CHARS = 2_000; // 30,000 x ~2.1 KB = ~63 MB

    private static EmbeddedMongo batching;
    private static MongoServer stock;
    private static MongoClient batchingClient;
    private static MongoClient stockClient;

    @BeforeAll
    static void startBothAndInsert() {
        batching = EmbeddedMongo.start();
        stock = new MongoServer(new MemoryBackend());
        stock.bind("127.0.0.1", 0);
        batchingClient = MongoClients.create(batching.connectionString());
        stockClient = MongoClients.create("mongodb://127.0.0.1:" + stock.getLocalAddress().getPort());
        insert(batchingClient.getDatabase("big"));
        insert(stockClient.getDatabase("big"));
    }

    @AfterAll
    static void stop() {
        batchingClient.close();
        stockClient.close();
        batching.close();
        stock.shutdownNow();
    }

    private static void insert(MongoDatabase db) {
        List<Document> authors = new ArrayList<>();
        for (int a = 0; a < AUTHORS; a++) {
            authors.add(new Document("_id", authorId(a)).append("name", "Author " + a));
        }
        db.getCollection("authors").insertMany(authors);

        Random random = new Random(7);
        MongoCollection<Document> notes = db.getCollection("notes");
        List<Document> chunk = new ArrayList<>();
        for (int n = 0; n < NOTES; n++) {
            StringBuilder text = new StringBuilder(TEXT_CHARS);
            while (text.length() < TEXT_CHARS) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            chunk.add(new Document("_id", n)
                    .append("kind", n % 10 == 0 ? "draft" : "final")
                    .append("author", authorId(n % AUTHORS))
                    .append("text", text.toString()));
            if (chunk.size() == 1_000) {
                notes.insertMany(chunk);
                chunk.clear();
            }
        }
    }

    private static ObjectId authorId(int a) {
        return new ObjectId(String.format("%024x", a + 1));
    }

    @Test
    void findReadsEveryDocumentInBatches() {
        BitSet seen = new BitSet(NOTES);
        long bytes = 0;
        try (MongoCursor<Document> cursor = batchingClient.getDatabase("big").getCollection("notes").find().iterator()) {
            while (cursor.hasNext()) {
                Document note = cursor.next();
                seen.set(note.getInteger("_id"));
                bytes += note.getString("text").length();
            }
        }
        assertEquals(NOTES, seen.cardinality(), "every note read exactly once");
        assertTrue(bytes > 55_000_000L, "more than one 48 MB reply's worth was read: " + bytes);
    }

    @Test
    void findWithSmallBatchSizeAndSortStillReadsEverything() {
        int count = 0;
        int previous = -1;
        for (Document note : batchingClient.getDatabase("big").getCollection("notes")
                .find(Filters.eq("kind", "draft")).sort(new Document("_id", 1)).batchSize(7)) {
            int id = note.getInteger("_id");
            assertTrue(id > previous, "sorted across batches");
            previous = id;
            count++;
        }
        assertEquals(NOTES / 10, count);
    }

    @Test
    void aggregationWithLookupReadsEveryDocumentInBatches() {
        BitSet seen = new BitSet(NOTES);
        try (MongoCursor<Document> cursor = batchingClient.getDatabase("big").getCollection("notes").aggregate(List.of(
                Aggregates.match(Filters.in("kind", "draft", "final")),
                Aggregates.lookup("authors", "author", "_id", "writer"),
                Aggregates.project(Projections.fields(
                        Projections.include("text"),
                        Projections.computed("writerName", "$writer.name"))))).iterator()) {
            while (cursor.hasNext()) {
                Document row = cursor.next();
                int id = row.getInteger("_id");
                seen.set(id);
                assertEquals(List.of("Author " + id % AUTHORS), row.getList("writerName", String.class));
                assertEquals(TEXT_CHARS, row.getString("text").length());
            }
        }
        assertEquals(NOTES, seen.cardinality(), "every joined row read exactly once");
    }

    @Test
    void singleBatchFindClosesTheCursor() {
        Document first = batchingClient.getDatabase("big").getCollection("notes").find().sort(new Document("_id", -1)).first();
        assertEquals(NOTES - 1, first.getInteger("_id"));
        assertEquals(0, openCursors(), "no cursor left behind by first()");
    }

    @Test
    void abandonedCursorIsKilled() {
        try (MongoCursor<Document> cursor = batchingClient.getDatabase("big").getCollection("notes").find().batchSize(10).iterator()) {
            cursor.next();
            assertEquals(1, openCursors());
        }
        assertEquals(0, openCursors(), "killCursors removed it");
    }

    @Test
    void stockBackendFailsOnTheSameReads() {
        MongoCollection<Document> notes = stockClient.getDatabase("big").getCollection("notes");
        MongoException findFailure = assertThrows(MongoException.class, () -> {
            try (MongoCursor<Document> cursor = notes.find().iterator()) {
                cursor.forEachRemaining(d -> { });
            }
        });
        assertTrue(findFailure.getMessage().contains("greater than the maximum message length"), findFailure::toString);
        MongoException aggregateFailure = assertThrows(MongoException.class, () -> {
            try (MongoCursor<Document> cursor = notes.aggregate(List.of(
                    Aggregates.match(Filters.in("kind", "draft", "final")),
                    Aggregates.lookup("authors", "author", "_id", "writer"),
                    Aggregates.project(Projections.include("text")))).iterator()) {
                cursor.forEachRemaining(d -> { });
            }
        });
        assertTrue(aggregateFailure.getMessage().contains("greater than the maximum message length"),
                aggregateFailure::toString);
    }

    @Test
    void aFieldPathThroughLookedUpDocumentsSkipsTheOnesWithoutTheField() {
        // The stock server drops the connection on this (it cannot encode its own "missing" marker); mongod answers
        // ["a@x.org"], [] and ["a@x.org"] as here.
        MongoDatabase db = batchingClient.getDatabase("projection");
        db.getCollection("people").insertMany(List.of(new Document("_id", 1).append("email", "a@x.org"),
                new Document("_id", 2)));
        db.getCollection("notes").insertMany(List.of(new Document("_id", 1).append("person", 1),
                new Document("_id", 2).append("person", 2), new Document("_id", 3).append("person", List.of(1, 2))));
        List<Document> rows = db.getCollection("notes").aggregate(List.of(
                Aggregates.lookup("people", "person", "_id", "p"),
                Aggregates.project(Projections.computed("emails", "$p.email")))).into(new ArrayList<>());
        assertEquals(List.of(List.of("a@x.org"), List.of(), List.of("a@x.org")),
                rows.stream().map(r -> r.getList("emails", String.class)).toList());
    }

    private static int openCursors() {
        Document status = batchingClient.getDatabase("admin").runCommand(new Document("serverStatus", 1));
        Document open = status.get("metrics", Document.class).get("cursor", Document.class).get("open", Document.class);
        return ((Number) open.get("total")).intValue();
    }
}
