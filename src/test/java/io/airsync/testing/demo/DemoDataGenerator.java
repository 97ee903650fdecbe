package io.airsync.testing.demo;

import static io.airsync.testing.demo.DemoText.pick;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Deterministic, realistic social-dining demo data in the shape of the prototype's collections {@code users},
 * {@code events} and {@code messages}, messiness included (missing fields, nulls, stray spaces, mixed case,
 * duplicate emails, mixed numeric types, unicode names, long texts, messages pointing to no user).
 *
 * <p>Every document is a pure function of (seed, collection, index): {@code user(7)} is the same document whether
 * 10 or 100,000 users are generated, and its {@code _id} never changes. Documents are built one at a time, so
 * {@link #seed(MongoDatabase, int)} streams 100,000 users and 400,000 messages into MongoDB in batches.
 *
 * <p>Time is frozen at {@link #REFERENCE_NOW}: nothing depends on the clock.
 */
public final class DemoDataGenerator {

    public static final Instant REFERENCE_NOW = Instant.parse("2025-06-01T00:00:00Z");
    /** The seed of the local run's dataset. */
    public static final long DEFAULT_SEED = 20250601L;
    /** The local run's size: 500 users, 50 events, 2,000 messages. */
    public static final int LOCAL_USERS = 500;
    public static final double DEFAULT_EVENTS_PER_USER = 0.05;
    public static final double DEFAULT_MESSAGES_PER_USER = 4.0;
    public static final int DEFAULT_MIN_EVENTS = 50;
    public static final List<String> COLLECTIONS = List.of("users", "events", "messages");
    /** What {@link #mutate(MongoDatabase, double, long)} changes by default: one field each, all in the mapping. */
    public static final Map<String, String> DEFAULT_MUTATED_FIELDS =
            Map.of("users", "engagement_status", "events", "participantCount", "messages", "status");

    static final int INSERT_BATCH = 1_000;
    private static final byte TAG_USER = 'U';
    private static final byte TAG_EVENT = 'E';
    private static final byte TAG_MESSAGE = 'M';
    private static final int DUPLICATE_EMAIL_EVERY = 97;
    // The generator's vocabularies for derived fields, resolved against the choices (see DemoChoices.resolve).
    private static final List<String> ENGAGEMENT = List.of("new", "active", "at_risk", "dormant", "churned");
    private static final List<String> JOURNEY = List.of("signed_up", "onboarded", "first_event", "repeat_attendee",
            "loyal", "lapsed");
    private static final List<String> VALUE = List.of("low", "medium", "high", "vip");
    private static final List<String> SEGMENT = List.of("newcomer", "casual", "regular", "enthusiast", "champion");
    private static final List<String> RISK = List.of("low", "medium", "high");
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("EEEE, MMMM d 'at' h:mm a", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final long seed;
    private final DemoChoices choices;
    private final double eventsPerUser;
    private final double messagesPerUser;
    private final int minEvents;

    /** With the select choices of the project's Airtable schema when present, else the built-in lists. */
    public DemoDataGenerator(long seed) {
        this(seed, DemoChoices.forProject());
    }

    public DemoDataGenerator(long seed, DemoChoices choices) {
        this(seed, choices, DEFAULT_EVENTS_PER_USER, DEFAULT_MESSAGES_PER_USER, DEFAULT_MIN_EVENTS);
    }

    private DemoDataGenerator(long seed, DemoChoices choices, double eventsPerUser, double messagesPerUser,
                              int minEvents) {
        if (eventsPerUser < 0 || messagesPerUser < 0 || minEvents < 1) {
            throw new IllegalArgumentException("proportions must be >= 0 and minEvents >= 1, got events/user "
                    + eventsPerUser + ", messages/user " + messagesPerUser + ", minEvents " + minEvents);
        }
        this.seed = seed;
        this.choices = choices;
        this.eventsPerUser = eventsPerUser;
        this.messagesPerUser = messagesPerUser;
        this.minEvents = minEvents;
    }

    /** The same generator with other proportions (events and messages per user, and a floor on events). */
    public DemoDataGenerator withProportions(double eventsPerUser, double messagesPerUser, int minEvents) {
        return new DemoDataGenerator(seed, choices, eventsPerUser, messagesPerUser, minEvents);
    }

    public long seed() {
        return seed;
    }

    public DemoChoices choices() {
        return choices;
    }

    /** Document counts of the three collections. */
    public record Counts(int users, int events, int messages) {
        public int total() {
            return users + events + messages;
        }

        public int of(String collection) {
            return switch (collection) {
                case "users" -> users;
                case "events" -> events;
                case "messages" -> messages;
                default -> throw new IllegalArgumentException("unknown demo collection '" + collection + "'");
            };
        }
    }

    /** 500 users give 50 events (the floor) and 2,000 messages; 100,000 give 5,000 and 400,000. */
    public Counts counts(int users) {
        if (users < 1) {
            throw new IllegalArgumentException("at least one user is needed, got " + users);
        }
        int events = Math.max(minEvents, (int) Math.round(users * eventsPerUser));
        int messages = (int) Math.round(users * messagesPerUser);
        return new Counts(users, events, messages);
    }

    /** The dataset for this many users, generated lazily when its streams are consumed. */
    public Dataset generate(int users) {
        return new Dataset(counts(users));
    }

    /** A generated dataset; each stream call builds the documents afresh, identical every time. */
    public final class Dataset {
        private final Counts counts;

        private Dataset(Counts counts) {
            this.counts = counts;
        }

        public Counts counts() {
            return counts;
        }

        public Stream<Document> users() {
            return IntStream.range(0, counts.users()).mapToObj(DemoDataGenerator.this::user);
        }

        public Stream<Document> events() {
            return IntStream.range(0, counts.events()).mapToObj(DemoDataGenerator.this::event);
        }

        public Stream<Document> messages() {
            return IntStream.range(0, counts.messages()).mapToObj(m -> message(m, counts));
        }

        public Stream<Document> of(String collection) {
            return switch (collection) {
                case "users" -> users();
                case "events" -> events();
                case "messages" -> messages();
                default -> throw new IllegalArgumentException("unknown demo collection '" + collection + "'");
            };
        }
    }

    // ---------------------------------------------------------------------------------------------- seeding

    /**
     * Replaces the collections users, events and messages of {@code db} with the dataset for this many users,
     * inserted in batches of {@value #INSERT_BATCH}. Other collections are left alone.
     */
    public Counts seed(MongoDatabase db, int users) {
        Dataset dataset = generate(users);
        Set<String> existing = db.listCollectionNames().into(new HashSet<>());
        for (String collection : COLLECTIONS) {
            MongoCollection<Document> target = db.getCollection(collection);
            if (existing.contains(collection)) {
                target.drop();
            }
            List<Document> batch = new ArrayList<>(INSERT_BATCH);
            try (Stream<Document> documents = dataset.of(collection)) {
                documents.forEachOrdered(document -> {
                    batch.add(document);
                    if (batch.size() == INSERT_BATCH) {
                        target.insertMany(batch);
                        batch.clear();
                    }
                });
            }
            if (!batch.isEmpty()) {
                target.insertMany(batch);
            }
        }
        return dataset.counts();
    }

    // --------------------------------------------------------------------------------------- benchmarks

    /**
     * Changes {@link #DEFAULT_MUTATED_FIELDS one mapped field} in {@code fraction} of the documents of each
     * collection (exactly {@code round(fraction x count)}, chosen deterministically from {@code mutationSeed}).
     *
     * @return how many documents of each collection were changed
     */
    public Counts mutate(MongoDatabase db, double fraction, long mutationSeed) {
        return new Counts(
                mutate(db, "users", DEFAULT_MUTATED_FIELDS.get("users"), fraction, mutationSeed),
                mutate(db, "events", DEFAULT_MUTATED_FIELDS.get("events"), fraction, mutationSeed),
                mutate(db, "messages", DEFAULT_MUTATED_FIELDS.get("messages"), fraction, mutationSeed));
    }

    /**
     * Changes {@code field} in {@code fraction} of the documents of {@code collection}: a select value moves to
     * the next choice (a missing one gets the first), a multi-select gains or loses the first choice, a number
     * goes up by one, a boolean flips, a date moves a day, text gets a suffix. A chosen document whose field is
     * missing and not a select is left alone.
     *
     * @return the number of documents changed
     */
    public int mutate(MongoDatabase db, String collection, String field, double fraction, long mutationSeed) {
        MongoCollection<Document> target = db.getCollection(collection);
        Set<Object> chosen = choose(target, fraction, mutationSeed ^ 0x6D75746174654CL);
        List<String> selectChoices = choices.lists().get(collection + "." + field);
        List<WriteModel<Document>> updates = new ArrayList<>();
        int changed = 0;
        try (MongoCursor<Document> cursor = target.find()
                .projection(Projections.include(field)).batchSize(INSERT_BATCH).iterator()) {
            while (cursor.hasNext()) {
                Document document = cursor.next();
                Object id = document.get("_id");
                if (!chosen.contains(id)) {
                    continue;
                }
                Object next = changedValue(document.get(field), selectChoices);
                if (next == null) {
                    continue; // a missing value of unknown type: nothing sensible to write
                }
                updates.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.set(field, next)));
                if (updates.size() == INSERT_BATCH) {
                    changed += target.bulkWrite(updates).getModifiedCount();
                    updates.clear();
                }
            }
        }
        if (!updates.isEmpty()) {
            changed += target.bulkWrite(updates).getModifiedCount();
        }
        return changed;
    }

    /**
     * Deletes {@code fraction} of the documents of each collection (exactly {@code round(fraction x count)},
     * chosen deterministically from {@code deletionSeed}).
     *
     * @return how many documents of each collection were deleted
     */
    public Counts deleteFraction(MongoDatabase db, double fraction, long deletionSeed) {
        int[] deleted = new int[COLLECTIONS.size()];
        for (int c = 0; c < COLLECTIONS.size(); c++) {
            MongoCollection<Document> target = db.getCollection(COLLECTIONS.get(c));
            List<Object> ids = new ArrayList<>(choose(target, fraction, deletionSeed ^ 0x64656C657465L));
            for (int from = 0; from < ids.size(); from += INSERT_BATCH) {
                List<Object> batch = ids.subList(from, Math.min(ids.size(), from + INSERT_BATCH));
                deleted[c] += (int) target.deleteMany(Filters.in("_id", batch)).getDeletedCount();
            }
        }
        return new Counts(deleted[0], deleted[1], deleted[2]);
    }

    /** Exactly round(fraction x count) ids: those with the lowest salted hash. */
    private static Set<Object> choose(MongoCollection<Document> collection, double fraction, long salt) {
        if (fraction < 0 || fraction > 1) {
            throw new IllegalArgumentException("fraction must be within 0..1, got " + fraction);
        }
        record Ranked(long rank, Object id) {
        }
        List<Ranked> ranked = new ArrayList<>();
        try (MongoCursor<Document> cursor = collection.find()
                .projection(Projections.include("_id")).batchSize(INSERT_BATCH * 10).iterator()) {
            while (cursor.hasNext()) {
                Object id = cursor.next().get("_id");
                ranked.add(new Ranked(mix(salt, String.valueOf(id).hashCode()), id));
            }
        }
        ranked.sort(Comparator.comparingLong(Ranked::rank).thenComparing(r -> String.valueOf(r.id())));
        int take = (int) Math.round(fraction * ranked.size());
        Set<Object> chosen = new HashSet<>();
        for (int i = 0; i < take; i++) {
            chosen.add(ranked.get(i).id());
        }
        return chosen;
    }

    /** The value after a change, or null when the value is missing and its type unknown. */
    private static Object changedValue(Object value, List<String> selectChoices) {
        if (selectChoices != null && (value == null || value instanceof String)) {
            int at = value == null ? -1 : selectChoices.indexOf(value);
            return selectChoices.get((at + 1) % selectChoices.size());
        }
        if (value instanceof List<?> list && selectChoices != null) {
            List<Object> next = new ArrayList<>(list);
            String first = selectChoices.get(0);
            if (!next.remove(first)) {
                next.add(first);
            }
            return next;
        }
        if (value instanceof Integer i) {
            return i + 1;
        } else if (value instanceof Long l) {
            return l + 1;
        } else if (value instanceof Double d) {
            return d + 1;
        } else if (value instanceof Decimal128 d) {
            return new Decimal128(d.bigDecimalValue().add(BigDecimal.ONE));
        } else if (value instanceof Boolean b) {
            return !b;
        } else if (value instanceof Date d) {
            return new Date(d.getTime() + Duration.ofDays(1).toMillis());
        } else if (value instanceof String s) {
            return s + " (updated)";
        } else if (value == null) {
            return null;
        }
        throw new IllegalArgumentException("cannot mutate a value of type " + value.getClass().getSimpleName());
    }

    // ------------------------------------------------------------------------------------------- users

    /** The {@code _id} of user {@code index}; stable for a seed. Indexes past the user count name no one. */
    public ObjectId userId(int index) {
        return objectId(TAG_USER, index, userCreatedAt(random(TAG_USER, index)));
    }

    public ObjectId eventId(int index) {
        return objectId(TAG_EVENT, index, eventCreatedAt(random(TAG_EVENT, index)));
    }

    private static Instant userCreatedAt(Random r) {
        return REFERENCE_NOW.minus(Duration.ofDays(30 + r.nextInt(4 * 365))).minusSeconds(r.nextInt(86_400));
    }

    private static Instant eventCreatedAt(Random r) {
        return REFERENCE_NOW.minus(Duration.ofDays(5 + r.nextInt(480))).minusSeconds(r.nextInt(86_400));
    }

    /** User {@code index}, built from scratch (same result every call). */
    public Document user(int index) {
        Random r = random(TAG_USER, index);
        Instant createdAt = userCreatedAt(r); // first draws: the _id depends on them only
        Document user = new Document("_id", objectId(TAG_USER, index, createdAt));

        String firstName = pick(r, DemoText.FIRST_NAMES);
        String lastName = pick(r, DemoText.LAST_NAMES);
        putEmail(user, r, index, firstName, lastName);
        user.put("firstName", r.nextInt(100) < 3 ? " " + firstName : firstName);
        if (r.nextInt(100) >= 2) {
            user.put("lastName", r.nextInt(100) < 2 ? lastName + " " : lastName);
        }
        int phoneRoll = r.nextInt(100);
        String phone = DemoText.phone(r);
        if (phoneRoll >= 18) {
            user.put("phone", phone);
        } else if (phoneRoll >= 15) {
            user.put("phone", null);
        }
        user.put("role", weighted(r, choices.of("users.role")));
        List<String> genders = choices.of("users.gender");
        String gender = r.nextInt(100) < 90 ? genders.get(r.nextInt(Math.min(2, genders.size())))
                : genders.get(r.nextInt(genders.size()));
        if (r.nextInt(100) >= 10) {
            user.put("gender", gender);
        }
        Instant birthDay = Instant.parse("1955-01-01T00:00:00Z").plus(Duration.ofDays(r.nextInt(50 * 365)));
        if (r.nextInt(100) >= 20) {
            user.put("birthDay", Date.from(birthDay));
        }
        String occupation = pick(r, choices.of("users.occupation"));
        int occupationRoll = r.nextInt(100);
        if (occupationRoll >= 10) {
            user.put("occupation", occupation);
        } else if (occupationRoll >= 5) {
            user.put("occupation", null);
        }
        String neighborhood = pick(r, DemoText.NEIGHBORHOODS);
        int hoodRoll = r.nextInt(100);
        if (hoodRoll >= 10) {
            user.put("homeNeighborhood", hoodRoll < 13 ? neighborhood + "  " : neighborhood);
        }
        List<String> interests = distinct(r, choices.of("users.interests"), 1 + r.nextInt(5));
        int interestRoll = r.nextInt(100);
        if (interestRoll >= 13) {
            user.put("interests", interests);
        } else if (interestRoll >= 8) {
            user.put("interests", List.of());
            interests = List.of();
        } else {
            interests = List.of();
        }
        String tablePreference = pick(r, choices.of("users.tableTypePreference"));
        if (r.nextInt(100) >= 25) {
            user.put("tableTypePreference", tablePreference);
        } else {
            tablePreference = null;
        }

        int eventCount = (int) Math.min(40, Math.floor(-Math.log(1 - r.nextDouble()) * 4));
        int orderCount = eventCount + r.nextInt(6);
        user.put("event_count", eventCount);
        user.put("order_count", orderCount);
        BigDecimal spent = BigDecimal.valueOf(orderCount * (2_000L + r.nextInt(7_000)), 2);
        int spentRoll = r.nextInt(100);
        if (spentRoll >= 25) {
            user.put("total_spent", new Decimal128(spent));
        } else if (spentRoll >= 10) {
            user.put("total_spent", spent.doubleValue());
        }

        long activeSpan = Math.max(1, Duration.between(createdAt, REFERENCE_NOW).toDays());
        int daysInactive = (int) Math.min(activeSpan, Math.floor(-Math.log(1 - r.nextDouble()) * 70));
        boolean neverActive = r.nextInt(100) < 4;
        Instant lastActive = REFERENCE_NOW.minus(Duration.ofDays(daysInactive)).minusSeconds(r.nextInt(86_400));
        if (!neverActive) {
            user.put("last_active", Date.from(lastActive));
            user.put("days_inactive", daysInactive);
        }
        int inactivity = neverActive ? Integer.MAX_VALUE : daysInactive;
        boolean recent = Duration.between(createdAt, REFERENCE_NOW).toDays() < 30;
        user.put("engagement_status", choices.resolve("users.engagement_status", ENGAGEMENT,
                recent ? "new" : inactivity < 14 ? "active" : inactivity < 60 ? "at_risk"
                        : inactivity < 180 ? "dormant" : "churned"));
        String journey = eventCount == 0 ? (r.nextBoolean() ? "signed_up" : "onboarded")
                : inactivity >= 180 ? "lapsed" : eventCount == 1 ? "first_event"
                : eventCount <= 7 ? "repeat_attendee" : "loyal";
        user.put("journey_stage", choices.resolve("users.journey_stage", JOURNEY, journey));
        double spentValue = spent.doubleValue();
        user.put("value_segment", choices.resolve("users.value_segment", VALUE,
                spentValue < 100 ? "low" : spentValue < 500 ? "medium" : spentValue < 1_500 ? "high" : "vip"));
        user.put("user_segment", choices.resolve("users.user_segment", SEGMENT,
                eventCount == 0 ? "newcomer" : eventCount <= 2 ? "casual" : eventCount <= 6 ? "regular"
                        : eventCount <= 12 ? "enthusiast" : "champion"));
        String churnRisk = choices.resolve("users.churn_risk", RISK,
                inactivity < 30 ? "low" : inactivity < 120 ? "medium" : "high");
        user.put("churn_risk", r.nextInt(100) < 3 ? null : churnRisk);

        int summaryRoll = r.nextInt(100);
        int summaryChars = summaryRoll < 70 ? 200 + r.nextInt(600) : summaryRoll < 90 ? 800 + r.nextInt(1_200)
                : 2_000 + r.nextInt(2_000);
        String summary = DemoText.userSummary(r, firstName, user.getString("occupation"), neighborhood, interests,
                eventCount, tablePreference, summaryChars);
        boolean hasSummary = r.nextInt(100) >= 5;

        int completeness = completeness(user, hasSummary);
        user.put("profile_completeness", completeness);
        if (r.nextInt(100) >= 3) {
            user.put("profile_ready", completeness >= 80);
        }
        if (hasSummary) {
            user.put("summary", summary);
        }
        user.put("createdAt", Date.from(createdAt));
        Instant touched = neverActive || lastActive.isBefore(createdAt) ? createdAt : lastActive;
        user.put("updatedAt", Date.from(touched.plusSeconds(r.nextInt(3_600))));
        return user;
    }

    private void putEmail(Document user, Random r, int index, String firstName, String lastName) {
        int roll = r.nextInt(1_000);
        String email;
        if (index % DUPLICATE_EMAIL_EVERY == 13) {
            // The previous user's address again, differing only in case and spaces.
            String original = user(index - 1).getString("email");
            String base = original == null ? emailFor(r, index, firstName, lastName) : original.strip();
            email = "  " + base.toUpperCase(Locale.ROOT) + " ";
        } else {
            email = emailFor(r, index, firstName, lastName);
            if (roll < 100) {
                email = Character.toUpperCase(email.charAt(0)) + email.substring(1, email.indexOf('@') + 1)
                        + Character.toUpperCase(email.charAt(email.indexOf('@') + 1))
                        + email.substring(email.indexOf('@') + 2);
            } else if (roll < 150) {
                email = (roll % 2 == 0 ? " " : "") + email + " ";
            }
        }
        if (roll >= 985 && index % DUPLICATE_EMAIL_EVERY != 13 && (index + 1) % DUPLICATE_EMAIL_EVERY != 13) {
            if (roll >= 995) {
                user.put("email", null);
            }
            return; // missing (or null): never for a user whose address is duplicated
        }
        user.put("email", email);
    }

    private static String emailFor(Random r, int index, String firstName, String lastName) {
        String first = DemoText.asciiSlug(firstName);
        String last = DemoText.asciiSlug(lastName);
        String domain = pick(r, DemoText.EMAIL_DOMAINS);
        if (first.isEmpty()) {
            first = "guest";
        }
        String local = switch (r.nextInt(4)) {
            case 0 -> last.isEmpty() ? first + index : first + "." + last + index;
            case 1 -> first + last + index;
            case 2 -> first.charAt(0) + (last.isEmpty() ? "x" : last) + "." + index;
            default -> first + "_" + index;
        };
        return local + "@" + domain;
    }

    private static int completeness(Document user, boolean hasSummary) {
        String[] fields = {"email", "lastName", "phone", "gender", "birthDay", "occupation", "homeNeighborhood",
            "tableTypePreference"};
        int present = hasSummary ? 1 : 0;
        for (String field : fields) {
            if (user.get(field) != null) {
                present++;
            }
        }
        if (user.get("interests") instanceof List<?> list && !list.isEmpty()) {
            present++;
        }
        return present * 10;
    }

    // ------------------------------------------------------------------------------------------ events

    /** Event {@code index}; its name is unique. */
    public Document event(int index) {
        Random r = random(TAG_EVENT, index);
        Instant createdAt = eventCreatedAt(r);
        Document event = new Document("_id", objectId(TAG_EVENT, index, createdAt));

        String eventType = pick(r, choices.of("events.eventType"));
        String cuisine = pick(r, choices.of("events.cuisine"));
        String tableType = pick(r, choices.of("events.tableType"));
        String venue = pick(r, DemoText.VENUES);
        String neighborhood = pick(r, DemoText.NEIGHBORHOODS);
        String name = pick(r, DemoText.ADJECTIVES) + " " + cuisine + " " + pick(r, DemoText.THEMES)
                + " · Vol. " + (index + 1);
        int capacity = 6 + r.nextInt(19);
        Instant start = createdAt.plus(Duration.ofDays(7 + r.nextInt(90)))
                .truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofMinutes(17 * 60 + 30 * r.nextInt(7)));
        Instant end = start.plus(Duration.ofMinutes(120 + 30 * r.nextInt(5)));
        boolean past = start.isBefore(REFERENCE_NOW);
        int participants = past ? r.nextInt(capacity + 1) : r.nextInt(capacity / 2 + 1);
        double percentage = Math.round(1_000.0 * participants / capacity) / 10.0;
        List<String> topInterests = participants == 0 ? List.of()
                : distinct(r, choices.of("events.participant_top_interests"), Math.min(3, participants));
        List<String> topOccupations = participants == 0 ? List.of()
                : distinct(r, choices.of("events.participant_top_occupations"), Math.min(3, participants));

        event.put("name", name);
        event.put("description", DemoText.eventDescription(r, cuisine, eventType, venue, neighborhood, capacity));
        event.put("startDate", Date.from(start));
        if (r.nextInt(100) >= 3) {
            event.put("endDate", Date.from(end));
        }
        event.put("location", venue + ", " + neighborhood);
        event.put("eventType", eventType);
        event.put("cuisine", cuisine);
        if (r.nextInt(100) >= 10) {
            event.put("tableType", tableType);
        }
        event.put("maxCapacity", capacity);
        int priceRoll = r.nextInt(100);
        double price = 25 + 5 * r.nextInt(26);
        if (priceRoll >= 5) {
            event.put("price", priceRoll < 15 ? (Object) (int) price : (Object) price);
        }
        event.put("participantCount", participants);
        event.put("participationPercentage", percentage);
        event.put("participant_top_interests", topInterests);
        event.put("participant_top_occupations", topOccupations);
        event.put("qualifies_seat_newcomers", r.nextInt(100) < 40);
        event.put("qualifies_fill_the_table", percentage < 60);
        String summary = DemoText.eventSummary(r, name, cuisine, participants, capacity,
                topInterests.isEmpty() ? List.of("food") : topInterests);
        if (past || r.nextInt(100) < 50) {
            event.put("summary", summary);
        }
        event.put("createdAt", Date.from(createdAt));
        Instant updated = past ? end.plus(Duration.ofHours(1 + r.nextInt(48))) : createdAt.plusSeconds(r.nextInt(86_400));
        event.put("updatedAt", Date.from(updated.isAfter(REFERENCE_NOW) ? REFERENCE_NOW : updated));
        return event;
    }

    // ---------------------------------------------------------------------------------------- messages

    /** Message {@code index} of a dataset with these counts (it names one of its users and events). */
    public Document message(int index, Counts counts) {
        Random r = random(TAG_MESSAGE, index);
        Instant idTime = REFERENCE_NOW.minus(Duration.ofDays(r.nextInt(120))).minusSeconds(r.nextInt(86_400));
        Document message = new Document("_id", objectId(TAG_MESSAGE, index, idTime));

        boolean orphan = r.nextInt(1_000) < 5;
        int userIndex = orphan ? counts.users() + r.nextInt(1_000) : r.nextInt(counts.users());
        int eventIndex = r.nextInt(counts.events());
        Document user = user(userIndex);
        Document event = event(eventIndex);
        // Outreach goes out one to three weeks before the event (and never after the reference time).
        Instant eventStart = event.getDate("startDate").toInstant();
        Instant generatedAt = eventStart.minus(Duration.ofDays(7 + r.nextInt(15))).minusSeconds(r.nextInt(86_400));
        if (generatedAt.isAfter(REFERENCE_NOW)) {
            generatedAt = REFERENCE_NOW.minusSeconds(r.nextInt(86_400));
        }

        String firstName = user.getString("firstName").strip();
        String lastName = user.getString("lastName");
        List<String> interests = user.getList("interests", String.class, List.of());
        String interest = interests.isEmpty() ? pick(r, choices.of("users.interests")) : pick(r, interests);
        String cuisine = event.getString("cuisine");
        String when = WHEN.format(eventStart);
        int targetChars = 200 + r.nextInt(1_301);
        String text = DemoText.outreachMessage(r, firstName, event.getString("name"), when,
                event.getString("location"), cuisine, interest, DemoText.rsvpCode(seed, index), targetChars, 1_500);

        message.put("user_id", user.getObjectId("_id"));
        message.put("event_id", event.getObjectId("_id"));
        message.put("user_name", lastName == null ? firstName : firstName + " " + lastName.strip());
        if (user.get("email") != null) {
            message.put("user_email", user.getString("email"));
        }
        if (user.containsKey("phone")) {
            message.put("user_phone", user.get("phone"));
        }
        if (user.get("summary") != null) {
            message.put("user_summary", excerpt(user.getString("summary"), 300));
        }
        message.put("event_name", event.getString("name"));
        if (event.get("summary") != null) {
            message.put("event_summary", excerpt(event.getString("summary"), 300));
        }
        message.put("message_text", text);
        String occupation = user.getString("occupation");
        String notes = "Mentions " + interest.toLowerCase(Locale.ROOT)
                + (occupation == null ? "" : "; works as " + occupation.toLowerCase(Locale.ROOT))
                + "; " + cuisine + " menu" + (user.get("homeNeighborhood") == null ? ""
                : "; lives in " + user.getString("homeNeighborhood").strip()) + ".";
        if (r.nextInt(100) >= 2) {
            message.put("personalization_notes", notes);
        }
        message.put("character_count", text.length());
        double similarity = Math.round(r.nextDouble() * 10_000) / 10_000.0;
        if (r.nextInt(100) >= 3) {
            message.put("similarity_score", similarity);
        }
        message.put("confidence_percentage", 40 + (int) Math.round(similarity * 59));
        String reasoning = "Interest overlap with the table (" + interest + ") and "
                + (user.getInteger("event_count", 0) == 0 ? "no dinners yet, so a newcomer seat fits"
                : user.getInteger("event_count", 0) + " past dinners") + "; similarity "
                + String.format(Locale.ROOT, "%.2f", similarity) + ".";
        message.put("reasoning", r.nextInt(100) < 1 ? null : reasoning);
        message.put("status", weighted(r, choices.of("messages.status")));
        message.put("campaign", pick(r, choices.of("messages.campaign")));
        message.put("generated_at", Date.from(generatedAt));
        Instant updatedAt = generatedAt.plusSeconds(r.nextInt(7 * 86_400));
        message.put("updatedAt", Date.from(updatedAt.isAfter(REFERENCE_NOW) ? REFERENCE_NOW : updatedAt));
        return message;
    }

    private static String excerpt(String text, int maxChars) {
        return text.length() <= maxChars ? text : text.substring(0, maxChars - 1).stripTrailing() + "…";
    }

    // ------------------------------------------------------------------------------------------ helpers

    private Random random(byte tag, int index) {
        return new Random(mix(seed * 31 + tag, index));
    }

    /** 4 bytes createdAt seconds (so ids sort roughly by creation, like real ones), tag, 3 seed bytes, index. */
    private ObjectId objectId(byte tag, int index, Instant createdAt) {
        long seedBits = mix(seed, 0x5EED);
        ByteBuffer bytes = ByteBuffer.allocate(12);
        bytes.putInt((int) createdAt.getEpochSecond());
        bytes.put(tag);
        bytes.put((byte) (seedBits >>> 16)).put((byte) (seedBits >>> 8)).put((byte) seedBits);
        bytes.putInt(index);
        return new ObjectId(bytes.array());
    }

    /** SplitMix64 finaliser over a seed and a value. */
    static long mix(long seed, long value) {
        long z = seed + 0x9E3779B97F4A7C15L * (value + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Earlier choices are likelier: weight 1/(i+1). */
    private static String weighted(Random r, List<String> values) {
        double total = 0;
        for (int i = 0; i < values.size(); i++) {
            total += 1.0 / (i + 1);
        }
        double x = r.nextDouble() * total;
        for (int i = 0; i < values.size(); i++) {
            x -= 1.0 / (i + 1);
            if (x < 0) {
                return values.get(i);
            }
        }
        return values.get(values.size() - 1);
    }

    private static List<String> distinct(Random r, List<String> values, int count) {
        Set<String> picked = new LinkedHashSet<>();
        int wanted = Math.min(count, values.size());
        while (picked.size() < wanted) {
            picked.add(pick(r, values));
        }
        return new ArrayList<>(picked);
    }

    @Override
    public String toString() {
        return "DemoDataGenerator(seed " + seed + ", " + eventsPerUser + " events and " + messagesPerUser
                + " messages per user, min " + minEvents + " events, choices: " + choices.origin() + ")";
    }
}
