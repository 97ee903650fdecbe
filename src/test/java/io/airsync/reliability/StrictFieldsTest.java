package io.airsync.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoCollection;
import io.airsync.sync.LambdaInvoker;
import io.airsync.testing.reliability.ReliabilityStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The default mapping with {@code strict: true} on Email and Profile Completeness, through the wire-protocol MongoDB
 * and the Airtable emulator: records whose value contradicts the mapping fail alone ({@code STRICT_<KIND>}, field
 * named), nothing of them reaches Airtable, the others sync, and the warning says the records failed.
 */
@QuarkusTest
@WithTestResource(ReliabilityStack.class)
@TestProfile(StrictFieldsTest.Profile.class)
class StrictFieldsTest {

    static final Path FILE = Path.of(System.getProperty("user.dir"), "target", "strict-mapping", "mapping.yaml");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                String mapping = Files.readString(Path.of("src", "main", "resources", "mapping", "default-mapping.yaml"));
                String strict = strict(strict(mapping, "{ airtable: Email, source: email, type: email"),
                        "{ airtable: Profile Completeness, source: profile_completeness, type: percent, "
                                + "percentScale: hundred, precision: 0");
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, strict);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("airsync.mapping.location", FILE.toString());
        }

        private static String strict(String mapping, String field) {
            if (!mapping.contains(field + " }")) {
                throw new IllegalStateException("the default mapping no longer has " + field);
            }
            return mapping.replace(field + " }", field + ", strict: true }");
        }
    }

    MongoCollection<Document> users;

    @BeforeEach
    void freshWorld() {
        ReliabilityStack.reset();
        users = ReliabilityStack.database().getCollection("users");
        users.drop();
    }

    @Test
    void recordsWhoseValueContradictsAStrictFieldFailAloneAndTheRestSync() {
        List<Document> docs = new ArrayList<>();
        for (int i = 1; i <= 14; i++) {
            docs.add(new Document("_id", new ObjectId(String.format("7c00000000000000%08d", i)))
                    .append("email", "strict" + i + "@example.org").append("profile_completeness", 60 + i));
        }
        docs.get(0).put("profile_completeness", 0.8);
        docs.get(1).put("profile_completeness", 0.35);
        docs.get(2).put("email", "strict3.example.org");
        docs.get(3).put("email", List.of("a@example.org", "b@example.org"));
        users.insertMany(docs);
        Set<String> failing = docs.subList(0, 4).stream().map(d -> d.getObjectId("_id").toHexString())
                .collect(Collectors.toSet());

        JsonPath run = LambdaInvoker.invoke("{\"tables\":[\"Users\"]}");

        assertEquals("partial", run.getString("status"), run.prettify());
        assertEquals(4, run.getInt("tables[0].failed"));
        assertEquals(10, run.getInt("tables[0].created"));
        assertEquals(2, run.getInt("tables[0].failuresByType.STRICT_PERCENT_SCALE"));
        assertEquals(1, run.getInt("tables[0].failuresByType.STRICT_TEXT_SHAPE"));
        assertEquals(1, run.getInt("tables[0].failuresByType.STRICT_ARRAY_JOINED"));
        for (Map<String, Object> w : run.<Map<String, Object>>getList("warnings")) {
            assertEquals(Boolean.TRUE, w.get("strict"), w.toString());
            assertTrue(String.valueOf(w.get("message")).endsWith("These records failed (strict)."), w.toString());
        }
        assertEquals(3, run.getList("warnings").size(), run.prettify());

        Map<String, Map<String, Object>> synced = new java.util.HashMap<>();
        for (Map<String, Object> r : ReliabilityStack.airtable().records(ReliabilityStack.BASE_ID, "Users")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) r.get("fields");
            synced.put(String.valueOf(fields.get("Mongo ID")), fields);
        }
        assertEquals(10, synced.size());
        failing.forEach(id -> assertNull(synced.get(id), "a record that failed strict is not sent: " + id));
        assertEquals(0.65, ((Number) synced.get(docs.get(4).getObjectId("_id").toHexString())
                .get("Profile Completeness")).doubleValue(), 1e-12, "values that fit are written as before");
    }
}
