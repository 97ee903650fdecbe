package io.airsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.airsync.mapping.MappingLoader;
import io.airsync.mapping.TableMapping;
import io.airsync.testing.mongo.EmbeddedMongo;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reading a table's source (wire-protocol MongoDB, the commands the driver sends recorded): a find (no pipeline)
 * reads its first documents by themselves, so the first write does not wait for a full batch, then the rest after
 * them; every document once, in {@code _id} order, wherever the reading stops or resumes. Counting before a table
 * starts: the filtered count with a filter, the collection's own count without one (a pipeline's input: an upper
 * bound).
 */
class MongoSourceReaderTest {

    private static final int DOCUMENTS = 250;
    private static EmbeddedMongo mongo;
    private static MongoClient client;
    private static MongoDatabase db;
    private static final List<BsonDocument> commands = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.start();
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString()))
                .addCommandListener(recordingFindsAndGetMores())
                .build());
        db = client.getDatabase("airsync");
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            docs.add(new Document("_id", i).append("name", "n" + i).append("active", i % 5 == 0));
        }
        Collections.shuffle(docs, new Random(20261203));
        db.getCollection("people").insertMany(docs);
    }

    /**
     * A proxy, not a class: Quarkus's MongoDB extension makes every CommandListener class on the test classpath a
     * bean of the Quarkus tests' applications, and refuses an anonymous one.
     */
    private static CommandListener recordingFindsAndGetMores() {
        return (CommandListener) Proxy.newProxyInstance(CommandListener.class.getClassLoader(),
                new Class<?>[] {CommandListener.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commandStarted") && args[0] instanceof CommandStartedEvent event
                            && (event.getCommandName().equals("find") || event.getCommandName().equals("getMore"))) {
                        commands.add(event.getCommand().clone());
                    }
                    return method.getName().equals("toString") ? "recording finds and getMores"
                            : method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                            : method.getName().equals("equals") ? proxy == args[0] : null;
                });
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (mongo != null) {
            mongo.close();
        }
    }

    @BeforeEach
    void clear() {
        commands.clear();
    }

    @Test
    void theFirstDocumentsComeByThemselvesThenTheRestInFullBatches() {
        assertEquals(ids(0, DOCUMENTS), read(null, 1000, Integer.MAX_VALUE));
        List<BsonDocument> finds = commands.stream().filter(c -> c.containsKey("find")).toList();
        assertEquals(2, finds.size(), commands.toString());
        assertEquals(new BsonInt32(MongoSourceReader.FIRST_READ), finds.get(0).get("limit"), finds.get(0).toJson());
        // The driver asks one more than the limit so the server closes the cursor with the first batch.
        assertTrue(finds.get(0).getInt32("batchSize").getValue() <= MongoSourceReader.FIRST_READ + 1, finds.get(0).toJson());
        assertTrue(finds.get(1).getDocument("filter").toJson().contains("$gt"), "the rest after the first ones: "
                + finds.get(1).toJson());
        assertEquals(new BsonInt32(1000), finds.get(1).get("batchSize"), finds.get(1).toJson());
    }

    @Test
    void stoppingWithinOrRightAfterTheFirstDocumentsReadsNoFurther() {
        assertEquals(ids(0, 40), read(null, 1000, 40));
        assertEquals(1, commands.stream().filter(c -> c.containsKey("find")).count(), commands.toString());
        commands.clear();
        assertEquals(ids(0, MongoSourceReader.FIRST_READ), read(null, 1000, MongoSourceReader.FIRST_READ));
        assertEquals(1, commands.stream().filter(c -> c.containsKey("find")).count(), commands.toString());
        commands.clear();
        assertEquals(ids(0, 170), read(null, 1000, 170));
    }

    @Test
    void resumingReadsWhatIsLeftOnce() {
        for (int after : new int[] {0, 99, 100, 101, 149, 248}) {
            assertEquals(ids(after + 1, DOCUMENTS), read(SourceId.of(after), 1000, Integer.MAX_VALUE), "after " + after);
        }
        assertEquals(List.of(), read(SourceId.of(DOCUMENTS - 1), 1000, Integer.MAX_VALUE));
    }

    @Test
    void theRestFollowsTheFirstDocumentsAcrossIdTypes() {
        // 80 numbers then 80 strings in MongoDB's order: the first read ends among the strings.
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            docs.add(new Document("_id", i % 2 == 0 ? (Object) i : (Object) (long) i).append("name", "n"));
            docs.add(new Document("_id", String.format("s%03d", i)).append("name", "s"));
        }
        Collections.shuffle(docs, new Random(7));
        db.getCollection("mixed").insertMany(docs);
        List<Object> read = new ArrayList<>();
        new MongoSourceReader().read(db, table("{ collection: mixed }"), null, 1000, doc -> read.add(doc.get("_id")));
        assertEquals(160, read.size(), read.toString());
        assertEquals(160, new java.util.HashSet<>(read).size(), "each once: " + read);
        assertEquals(79L, read.get(79));
        assertEquals("s000", read.get(80));
        assertEquals("s079", read.get(159));
        assertEquals(2, commands.stream().filter(c -> c.containsKey("find")).count(), commands.toString());
    }

    @Test
    void smallBatchesReadInOneCursor() {
        assertEquals(ids(0, DOCUMENTS), read(null, 50, Integer.MAX_VALUE));
        assertEquals(1, commands.stream().filter(c -> c.containsKey("find")).count(), commands.toString());
    }

    @Test
    void withoutAFilterTheCollectionsOwnCount() {
        assertEquals(DOCUMENTS, new MongoSourceReader().count(db, table("{ collection: people }")));
    }

    @Test
    void withAFilterTheDocumentsItMatches() {
        assertEquals(DOCUMENTS / 5, new MongoSourceReader().count(db,
                table("{ collection: people, filter: { active: true } }")));
    }

    @Test
    void aPipelineCountsItsInput() {
        assertEquals(DOCUMENTS, new MongoSourceReader().count(db,
                table("{ collection: people, pipeline: [ { $match: { active: true } } ] }")));
    }

    private static List<Integer> read(BsonValue after, int batchSize, int stopAfter) {
        List<Integer> read = new ArrayList<>();
        new MongoSourceReader().read(db, table("{ collection: people }"), after, batchSize, doc -> {
            read.add(doc.getInteger("_id"));
            return read.size() < stopAfter;
        });
        return read;
    }

    private static List<Integer> ids(int from, int to) {
        List<Integer> ids = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ids.add(i);
        }
        return ids;
    }

    private static TableMapping table(String source) {
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
