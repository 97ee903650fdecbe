package io.airsync.testing.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.airsync.testing.demo.DemoDataGenerator.Counts;
import io.airsync.testing.mongo.EmbeddedMongo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoDataGeneratorTest {

    private static final long SEED = 20250601L;
    private static final DemoDataGenerator GENERATOR = new DemoDataGenerator(SEED, DemoChoices.builtIn());
    private static List<Document> users;
    private static List<Document> events;
    private static List<Document> messages;

    private static EmbeddedMongo mongo;
    private static MongoClient client;

    @BeforeAll
    static void generateLocalDataset() {
        DemoDataGenerator.Dataset dataset = GENERATOR.generate(500);
        users = dataset.users().toList();
        events = dataset.events().toList();
        messages = dataset.messages().toList();
        mongo = EmbeddedMongo.start();
        client = MongoClients.create(mongo.connectionString());
    }

    @AfterAll
    static void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void sameSeedGivesIdenticalDocuments() {
        DemoDataGenerator.Dataset again = new DemoDataGenerator(SEED, DemoChoices.builtIn()).generate(500);
        assertEquals(users, again.users().toList());
        assertEquals(events, again.events().toList());
        assertEquals(messages, again.messages().toList());

        DemoDataGenerator.Dataset other = new DemoDataGenerator(SEED + 1, DemoChoices.builtIn()).generate(500);
        assertNotEquals(users.get(0), other.users().findFirst().orElseThrow());
        assertNotEquals(ids(users), ids(other.users().toList()));
    }

    @Test
    void idsAreStableAcrossSizesAndReleases() {
        // A user is the same document whatever the dataset size.
        List<Document> bigger = GENERATOR.generate(1_000).users().limit(500).toList();
        assertEquals(users, bigger);
        assertEquals(GENERATOR.userId(0), users.get(0).getObjectId("_id"));
        assertEquals(GENERATOR.eventId(3), events.get(3).getObjectId("_id"));
        // Pinned: changing these breaks every existing local state and Airtable base built from the demo data.
        assertEquals("6518474b558914af00000000", users.get(0).getObjectId("_id").toHexString());
        assertEquals("66daa71a458914af00000000", events.get(0).getObjectId("_id").toHexString());
        assertEquals(500, ids(users).size(), "user ids unique");
        assertEquals(messages.size(), ids(messages).size(), "message ids unique");
        Set<ObjectId> all = new HashSet<>(ids(users));
        all.addAll(ids(events));
        all.addAll(ids(messages));
        assertEquals(500 + 50 + 2_000, all.size(), "ids unique across collections");
    }

    @Test
    void countsFollowTheProportions() {
        assertEquals(new Counts(500, 50, 2_000), GENERATOR.counts(500));
        assertEquals(new Counts(100_000, 5_000, 400_000), GENERATOR.counts(100_000));
        assertEquals(new Counts(10, 50, 40), GENERATOR.counts(10), "at least 50 events");
        assertEquals(new Counts(1_000, 100, 500), GENERATOR.withProportions(0.1, 0.5, 1).counts(1_000));
        assertEquals(500, users.size());
        assertEquals(50, events.size());
        assertEquals(2_000, messages.size());
    }

    @Test
    void usersAreMessyTheWayRealDataIs() {
        assertTrue(count(users, u -> !u.containsKey("phone")) > 25, "phones missing");
        assertTrue(count(users, u -> u.containsKey("phone") && u.get("phone") == null) > 3, "phones null");
        assertTrue(count(users, u -> u.get("phone") instanceof String p && p.startsWith("(")) > 10, "phone formats");
        assertTrue(count(users, u -> u.get("phone") instanceof String p && p.startsWith("+44")) > 10, "phone formats");
        assertTrue(count(users, u -> !u.containsKey("email")) >= 1, "emails missing");
        assertTrue(count(users, u -> email(u) != null && !email(u).equals(email(u).strip())) > 10, "emails with spaces");
        assertTrue(count(users, u -> email(u) != null && !email(u).equals(email(u).toLowerCase(Locale.ROOT))) > 20,
                "emails in mixed case");
        Map<String, Long> byNormalizedEmail = users.stream().filter(u -> email(u) != null)
                .collect(Collectors.groupingBy(u -> email(u).strip().toLowerCase(Locale.ROOT), Collectors.counting()));
        long duplicates = byNormalizedEmail.values().stream().filter(n -> n > 1).count();
        assertTrue(duplicates >= 3 && duplicates <= 10, "a few duplicate emails: " + duplicates);
        long exactDuplicates = users.stream().filter(u -> email(u) != null).map(DemoDataGeneratorTest::email)
                .collect(Collectors.groupingBy(e -> e, Collectors.counting())).values().stream().filter(n -> n > 1).count();
        assertEquals(0, exactDuplicates, "duplicates differ in case or spaces");

        assertTrue(count(users, u -> name(u).chars().anyMatch(c -> c > 0x2E80 && c < 0xFFFF
                && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) > 0, "CJK names");
        assertTrue(count(users, u -> name(u).chars().anyMatch(c -> Character.UnicodeScript.of(c)
                == Character.UnicodeScript.ARABIC)) > 0, "Arabic names");
        assertTrue(count(users, u -> name(u).codePoints().anyMatch(c -> c >= 0x1F300)) > 0, "emoji in names");
        assertTrue(count(users, u -> name(u).matches(".*[éèëïøłñãõüöá].*")) > 20, "accented names");
        assertTrue(count(users, u -> u.get("summary") instanceof String s && s.length() > 2_000) > 10, "long summaries");
        assertTrue(count(users, u -> !u.containsKey("summary")) > 5, "summaries missing");
        assertTrue(count(users, u -> u.get("total_spent") instanceof Decimal128) > 100, "Decimal128 money");
        assertTrue(count(users, u -> u.get("total_spent") instanceof Double) > 20, "Double money");
        assertTrue(count(users, u -> u.containsKey("occupation") && u.get("occupation") == null) > 5, "null occupation");
        assertTrue(count(users, u -> u.get("interests") instanceof List<?> l && l.isEmpty()) > 5, "empty interests");
        assertTrue(count(users, u -> !u.containsKey("last_active")) > 5, "never active");
        for (Document user : users) {
            assertTrue(user.get("event_count") instanceof Integer && user.get("order_count") instanceof Integer);
            int completeness = user.getInteger("profile_completeness");
            assertTrue(completeness >= 0 && completeness <= 100);
            assertTrue(user.getDate("updatedAt").compareTo(user.getDate("createdAt")) >= 0, "updated after created");
            assertTrue(user.getDate("createdAt").toInstant().isBefore(DemoDataGenerator.REFERENCE_NOW));
        }
    }

    @Test
    void selectValuesComeFromTheFixedLists() {
        DemoChoices choices = GENERATOR.choices();
        for (String key : DemoChoices.KEYS) {
            String collection = key.substring(0, key.indexOf('.'));
            String field = key.substring(key.indexOf('.') + 1);
            List<Document> documents = switch (collection) {
                case "users" -> users;
                case "events" -> events;
                default -> messages;
            };
            Set<Object> seen = new HashSet<>();
            for (Document document : documents) {
                Object value = document.get(field);
                if (value instanceof List<?> list) {
                    seen.addAll(list);
                } else if (value != null) {
                    seen.add(value);
                }
            }
            assertTrue(choices.of(key).containsAll(seen), key + " values " + seen + " outside " + choices.of(key));
            assertTrue(seen.size() > 1, key + " has variety: " + seen);
        }
    }

    @Test
    void eventsHaveUniqueNamesAndSaneNumbers() {
        assertEquals(events.size(), events.stream().map(e -> e.getString("name")).distinct().count());
        for (Document event : events) {
            int capacity = event.getInteger("maxCapacity");
            int participants = event.getInteger("participantCount");
            double percentage = event.getDouble("participationPercentage");
            assertTrue(participants >= 0 && participants <= capacity);
            assertTrue(percentage >= 0 && percentage <= 100);
            if (event.get("endDate") != null) {
                assertTrue(event.getDate("endDate").after(event.getDate("startDate")));
            }
        }
        assertTrue(count(events, e -> !e.containsKey("summary")) > 0, "future events without summary");
    }

    @Test
    void messagesAreUniqueLinkedAndSometimesOrphaned() {
        Set<ObjectId> userIds = new HashSet<>(ids(users));
        Set<ObjectId> eventIds = new HashSet<>(ids(events));
        assertEquals(messages.size(), messages.stream().map(m -> m.getString("message_text")).distinct().count(),
                "message texts unique");
        long orphans = count(messages, m -> !userIds.contains(m.getObjectId("user_id")));
        assertTrue(orphans >= 3 && orphans <= 30, "a few messages for no user: " + orphans);
        Map<ObjectId, Document> usersById = new HashMap<>();
        users.forEach(u -> usersById.put(u.getObjectId("_id"), u));
        Map<ObjectId, Document> eventsById = new HashMap<>();
        events.forEach(e -> eventsById.put(e.getObjectId("_id"), e));
        for (Document message : messages) {
            String text = message.getString("message_text");
            assertTrue(text.length() >= 200 && text.length() <= 1_500, "length " + text.length());
            assertEquals(text.length(), message.getInteger("character_count"));
            assertTrue(eventIds.contains(message.getObjectId("event_id")));
            if (message.get("similarity_score") != null) {
                double score = message.getDouble("similarity_score");
                assertTrue(score >= 0 && score <= 1);
            }
            assertTrue(message.getDate("generated_at").before(eventsById.get(message.getObjectId("event_id"))
                    .getDate("startDate")), "outreach goes out before the event");
            Document user = usersById.get(message.getObjectId("user_id"));
            if (user != null) {
                assertEquals(user.get("email"), message.get("user_email"), "denormalised copy of the user");
            }
        }
        assertTrue(messages.stream().mapToInt(m -> m.getString("message_text").length()).max().orElseThrow() > 1_000);
    }

    @Test
    void seedWritesTheDatasetAndIsRepeatable() {
        MongoDatabase db = client.getDatabase("seeded");
        assertEquals(new Counts(500, 50, 2_000), GENERATOR.seed(db, 500));
        assertEquals(new Counts(500, 50, 2_000), GENERATOR.seed(db, 500), "seeding again replaces, not appends");
        assertEquals(users, db.getCollection("users").find().into(new ArrayList<>()));
        assertEquals(events, db.getCollection("events").find().into(new ArrayList<>()));
        assertEquals(messages, db.getCollection("messages").find().into(new ArrayList<>()));
    }

    @Test
    void mutateChangesOneFieldInTheGivenFraction() {
        MongoDatabase db = client.getDatabase("mutated");
        GENERATOR.seed(db, 500);
        assertEquals(new Counts(50, 5, 200), GENERATOR.mutate(db, 0.1, 7));

        for (String collection : DemoDataGenerator.COLLECTIONS) {
            String field = DemoDataGenerator.DEFAULT_MUTATED_FIELDS.get(collection);
            List<Document> before = GENERATOR.generate(500).of(collection).toList();
            List<Document> after = db.getCollection(collection).find().into(new ArrayList<>());
            int changed = 0;
            for (int i = 0; i < before.size(); i++) {
                Document original = new Document(before.get(i));
                Document now = new Document(after.get(i));
                if (!original.equals(now)) {
                    changed++;
                    assertNotEquals(original.get(field), now.get(field));
                    original.remove(field);
                    now.remove(field);
                    assertEquals(original, now, "only " + field + " changed");
                }
            }
            assertEquals(Math.round(before.size() * 0.1), changed, collection);
        }
        // The same mutation seed picks the same documents.
        MongoDatabase twin = client.getDatabase("mutated-twin");
        GENERATOR.seed(twin, 500);
        GENERATOR.mutate(twin, 0.1, 7);
        assertEquals(db.getCollection("users").find().into(new ArrayList<>()),
                twin.getCollection("users").find().into(new ArrayList<>()));
    }

    @Test
    void deleteFractionRemovesExactlyThatShare() {
        MongoDatabase db = client.getDatabase("deleted");
        GENERATOR.seed(db, 500);
        assertEquals(new Counts(25, 3, 100), GENERATOR.deleteFraction(db, 0.05, 11));
        assertEquals(475, db.getCollection("users").countDocuments());
        assertEquals(47, db.getCollection("events").countDocuments());
        assertEquals(1_900, db.getCollection("messages").countDocuments());
    }

    private static long count(List<Document> documents, Predicate<Document> test) {
        return documents.stream().filter(test).count();
    }

    private static List<ObjectId> ids(List<Document> documents) {
        return documents.stream().map(d -> d.getObjectId("_id")).distinct().toList();
    }

    private static String email(Document user) {
        return user.getString("email");
    }

    private static String name(Document user) {
        return user.getString("firstName") + " " + user.get("lastName");
    }
}
