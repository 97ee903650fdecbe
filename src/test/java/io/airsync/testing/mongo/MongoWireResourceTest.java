package io.airsync.testing.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.airsync.testing.demo.DemoDataGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class MongoWireResourceTest {

    @Test
    void startsEmptyAndReturnsTheAirsyncSettings() {
        MongoWireResource resource = new MongoWireResource();
        resource.init(Map.of());
        Map<String, String> config = resource.start();
        try {
            assertEquals(MongoWireResource.connectionString(), config.get("airsync.mongodb.uri"));
            assertTrue(config.get("airsync.mongodb.uri").startsWith("mongodb://127.0.0.1:"));
            assertEquals("airsync", config.get("airsync.mongodb.database"));
            assertEquals("true", config.get("airsync.mongodb.allow-insecure"));
            assertEquals(3, config.size());

            try (MongoClient client = MongoClients.create(config.get("airsync.mongodb.uri"))) {
                assertEquals(List.of(), client.getDatabase("airsync").listCollectionNames().into(new ArrayList<>()),
                        "nothing seeded by default");
                // What a test seeds through the static handle, Airsync's own client sees.
                MongoWireResource.database().getCollection("users").insertOne(new Document("_id", 1).append("email", "a@b.c"));
                assertEquals("a@b.c", client.getDatabase("airsync").getCollection("users").find().first().getString("email"));
            }
        } finally {
            resource.stop();
        }
        assertThrows(IllegalStateException.class, MongoWireResource::database, "not running after stop");
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(config.get("airsync.mongodb.uri")))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(300, TimeUnit.MILLISECONDS)).build();
        try (MongoClient client = MongoClients.create(settings)) {
            assertThrows(MongoTimeoutException.class, () -> client.getDatabase("airsync").getCollection("users").find().first(),
                    "server stopped");
        }
    }

    @Test
    void seedsTheDemoDatasetWhenAsked() {
        MongoWireResource resource = new MongoWireResource();
        resource.init(Map.of(MongoWireResource.DEMO_USERS, "40", MongoWireResource.DATABASE, "demo"));
        Map<String, String> config = resource.start();
        try {
            assertEquals("demo", config.get("airsync.mongodb.database"));
            assertEquals(40, MongoWireResource.database().getCollection("users").countDocuments());
            assertEquals(50, MongoWireResource.database().getCollection("events").countDocuments());
            assertEquals(160, MongoWireResource.database().getCollection("messages").countDocuments());
            assertEquals(new DemoDataGenerator(DemoDataGenerator.DEFAULT_SEED).user(0),
                    MongoWireResource.database().getCollection("users").find().first());
        } finally {
            resource.stop();
        }
    }

    @Test
    void localServerSeedsTheSameDatasetOnEveryStart() {
        List<Document> first;
        try (EmbeddedMongo mongo = LocalMongoServer.start(0, "airsync", 100, DemoDataGenerator.DEFAULT_SEED);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            first = client.getDatabase("airsync").getCollection("messages").find().into(new ArrayList<>());
        }
        try (EmbeddedMongo mongo = LocalMongoServer.start(0, "airsync", 100, DemoDataGenerator.DEFAULT_SEED);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertEquals(first, client.getDatabase("airsync").getCollection("messages").find().into(new ArrayList<>()));
        }
        assertEquals(400, first.size());
    }
}
