package io.airsync.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.mongodb.client.MongoDatabase;
import io.airsync.mapping.MappingLoader;
import io.airsync.mapping.TableMapping;
import io.airsync.testing.AirsyncTestConfig;
import io.airsync.testing.mongo.EmbeddedMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How many documents feed a table, before it starts (wire-protocol MongoDB, the production connector and reader): the
 * filtered count of a table with a filter, the collection's own count without one (a pipeline's input: an upper
 * bound).
 */
class SourceCountTest {

    private static EmbeddedMongo mongo;
    private static MongoConnector connector;
    private static MongoDatabase db;

    @BeforeAll
    static void start() {
        mongo = EmbeddedMongo.start();
        connector = new MongoConnector(AirsyncTestConfig.of(Map.of("airsync.mongodb.allow-insecure", "true")));
        db = connector.database(mongo.connectionString());
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            docs.add(new Document("_id", i).append("name", "n" + i).append("active", i % 5 == 0));
        }
        db.getCollection("people").insertMany(docs);
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
    void withoutAFilterTheCollectionsOwnCount() {
        assertEquals(25, new MongoSourceReader().count(db, table("{ collection: people }")));
    }

    @Test
    void withAFilterTheDocumentsItMatches() {
        assertEquals(5, new MongoSourceReader().count(db, table("{ collection: people, filter: { active: true } }")));
    }

    @Test
    void aPipelineCountsItsInput() {
        assertEquals(25, new MongoSourceReader().count(db,
                table("{ collection: people, pipeline: [ { $match: { active: true } } ] }")));
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
