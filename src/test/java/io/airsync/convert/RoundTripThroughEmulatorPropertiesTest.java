package io.airsync.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.airsync.airtable.AirtableJson;
import io.airsync.airtable.AirtableRecord;
import io.airsync.airtable.AirtableWire;
import io.airsync.mapping.MappingLoader;
import io.airsync.mapping.TableMapping;
import io.airsync.plan.Decision;
import io.airsync.plan.DocumentConverter;
import io.airsync.plan.KnownRecord;
import io.airsync.plan.SourceRecord;
import io.airsync.plan.TablePlanner;
import io.airsync.testing.airtable.AirtableEmulator;
import io.airsync.testing.airtable.EmulatorOptions;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Conversion and change detection against the Airtable emulator over HTTP, not a model of it: generated documents
 * (every field type, awkward values) are converted and planned by the engine's own classes, upserted with the
 * client's own wire format, and read back over HTTP; the record read back then plans as unchanged, both from the
 * state Airsync would save and from what Airtable returned (a reconcile). So no record flaps between runs.
 */
class RoundTripThroughEmulatorPropertiesTest {

    static final String BASE = "appRoundTrip00001";
    static final String TOKEN = "patRoundTrip.0000";
    static final String KEY = "Mongo ID";
    static final List<String> CHOICES = List.of("alpha", "Beta", "Gamma Ray", "élan", "🍷 wine", "x,y");

    static final String MAPPING = """
            tables:
              - name: RoundTrip
                source: { collection: docs }
                keyField: Mongo ID
                fields:
                  - { airtable: Title, source: title, type: singleLineText }
                  - { airtable: Notes, source: notes, type: multilineText }
                  - { airtable: Email, source: email, type: email }
                  - { airtable: Phone, source: phone, type: phoneNumber }
                  - { airtable: Site, source: site, type: url }
                  - { airtable: Count, source: count, type: number, precision: 0 }
                  - { airtable: Ratio, source: ratio, type: number, precision: 4 }
                  - { airtable: Amount, source: amount, type: currency, precision: 2 }
                  - { airtable: Share, source: share, type: percent, precision: 1 }
                  - { airtable: Score, source: score, type: percent, percentScale: hundred, precision: 0 }
                  - { airtable: Done, source: done, type: checkbox }
                  - { airtable: Day, source: day, type: date }
                  - { airtable: At, source: at, type: dateTime }
                  - { airtable: Kind, source: kind, type: singleSelect }
                  - { airtable: Tags, source: tags, type: multipleSelects }
                  - { airtable: Cleared, source: cleared, type: singleLineText, onNull: clear }
            """;

    static AirtableEmulator emulator;
    static HttpClient http;
    static TableMapping table;
    static List<String> fieldNames;
    static final AtomicInteger written = new AtomicInteger();
    static final AtomicInteger refused = new AtomicInteger();

    final ZoneId zone = ZoneId.of("Pacific/Chatham"); // +12:45 / +13:45: date-only values move across days here
    final DocumentConverter converter = new DocumentConverter(table, new ValueConverter(zone), new ValueNormalizer(zone),
            (t, id) -> null);

    @BeforeContainer
    static void start() {
        emulator = AirtableEmulator.start(new EmulatorOptions().token(TOKEN).requestsPerSecond(100_000));
        emulator.addBase(BASE, schema());
        http = HttpClient.newHttpClient();
        table = new MappingLoader().parse("round-trip.yaml", MAPPING).table("RoundTrip").orElseThrow();
        fieldNames = table.fields().stream().map(f -> f.airtable()).toList();
    }

    @AfterContainer
    static void stop() {
        emulator.close();
        assertTrue(written.get() > 500, "enough records went through Airtable: " + written + " (refused: " + refused + ")");
    }

    @Property(tries = 200)
    void whatIsWrittenAndReadBackPlansAsUnchanged(@ForAll("batches") List<Document> docs) throws Exception {
        emulator.reset(BASE);
        Map<String, SourceRecord> records = new LinkedHashMap<>();
        Map<String, Map<String, Object>> creates = new LinkedHashMap<>();
        TablePlanner firstRun = new TablePlanner(fieldNames, KEY, new HashMap<>(), null);
        for (Document doc : docs) {
            SourceRecord r = converter.convert(doc);
            if (r.failed()) {
                continue; // a value Airsync refuses never reaches Airtable; ConversionPropertiesTest covers those
            }
            Decision d = firstRun.decide(r, p -> { });
            assertTrue(d instanceof Decision.Create, "a new record is created: " + d);
            records.put(r.mongoId(), r);
            creates.put(r.mongoId(), ((Decision.Create) d).fields());
        }
        Map<String, String> ids = upsert(creates);
        written.addAndGet(ids.size());

        Map<String, KnownRecord> fromState = new HashMap<>();
        Map<String, KnownRecord> fromAirtable = new HashMap<>();
        for (AirtableRecord rec : list()) {
            String mongoId = String.valueOf(rec.fields().get(KEY));
            fromState.put(mongoId, firstRun.written(records.get(mongoId), rec.id()));
            fromAirtable.put(mongoId, KnownRecord.fingerprint(rec.id(), table, rec.fields(),
                    new ValueNormalizer(zone)));
        }
        assertEquals(ids.keySet(), fromAirtable.keySet(), "every record written is read back");

        TablePlanner nextRun = new TablePlanner(fieldNames, KEY, fromState, null);
        TablePlanner reconcile = new TablePlanner(fieldNames, KEY, fromAirtable, null);
        for (String mongoId : ids.keySet()) {
            SourceRecord again = converter.convert(docs.stream().filter(d -> mongoId.equals(((ObjectId) d.get("_id")).toHexString()))
                    .findFirst().orElseThrow());
            Decision byState = nextRun.decide(again, p -> { });
            Decision byAirtable = reconcile.decide(again, p -> { });
            assertTrue(byState instanceof Decision.Unchanged, () -> "flaps on the next run: " + describe(byState, mongoId));
            assertTrue(byAirtable instanceof Decision.Unchanged,
                    () -> "flaps against what Airtable returned: " + describe(byAirtable, mongoId));
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private String describe(Decision d, String mongoId) {
        if (d instanceof Decision.Update u) {
            return "fields " + u.fields() + " of " + mongoId + "; Airtable holds " + emulator.records(BASE, "RoundTrip")
                    .stream().map(r -> (Map<?, ?>) r.get("fields")).filter(f -> mongoId.equals(f.get(KEY)))
                    .findFirst().map(f -> u.fields().keySet().stream().collect(Collectors.toMap(k -> k, k -> String.valueOf(f.get(k)))))
                    .orElse(Map.of());
        }
        return String.valueOf(d);
    }

    /** Upserts as the client does (PATCH, performUpsert on the key, no typecast), 10 a request; a refused batch is
     * sent again record by record and the refused records left out. Returns mongoId -> record ID. */
    private Map<String, String> upsert(Map<String, Map<String, Object>> creates) throws Exception {
        Map<String, String> ids = new LinkedHashMap<>();
        List<Map<String, Object>> all = new ArrayList<>(creates.values());
        for (int from = 0; from < all.size(); from += 10) {
            List<Map<String, Object>> batch = all.subList(from, Math.min(all.size(), from + 10));
            if (!send(batch, ids)) {
                for (Map<String, Object> one : batch) {
                    if (!send(List.of(one), ids)) {
                        refused.incrementAndGet();
                    }
                }
            }
        }
        return ids;
    }

    private boolean send(List<Map<String, Object>> records, Map<String, String> ids) throws Exception {
        AirtableWire.WriteBody body = new AirtableWire.WriteBody(
                records.stream().map(f -> new AirtableWire.WriteRecord(null, f)).toList(), null,
                new AirtableWire.PerformUpsert(List.of(KEY)));
        HttpResponse<String> answer = http.send(request("").method("PATCH",
                HttpRequest.BodyPublishers.ofString(AirtableJson.MAPPER.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 422) {
            return false;
        }
        assertEquals(200, answer.statusCode(), answer.body());
        AirtableWire.UpsertAnswer upserted = AirtableJson.MAPPER.readValue(answer.body(), AirtableWire.UpsertAnswer.class);
        upserted.records().forEach(r -> ids.put(String.valueOf(r.fields().get(KEY)), r.id()));
        return true;
    }

    private List<AirtableRecord> list() throws Exception {
        HttpResponse<String> answer = http.send(request("?pageSize=100").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return AirtableJson.MAPPER.readValue(answer.body(), AirtableWire.ListPage.class).records();
    }

    private static HttpRequest.Builder request(String query) {
        return HttpRequest.newBuilder(URI.create(emulator.url() + "/v0/" + BASE + "/"
                        + URLEncoder.encode("RoundTrip", StandardCharsets.UTF_8) + query))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json");
    }

    private static String schema() {
        String choices = CHOICES.stream().map(c -> "{\"name\":\"" + c + "\"}").collect(Collectors.joining(","));
        return """
                {"tables":[{"name":"RoundTrip","fields":[
                  {"name":"Mongo ID","type":"singleLineText"},
                  {"name":"Title","type":"singleLineText"},
                  {"name":"Notes","type":"multilineText"},
                  {"name":"Email","type":"email"},
                  {"name":"Phone","type":"phoneNumber"},
                  {"name":"Site","type":"url"},
                  {"name":"Count","type":"number","options":{"precision":0}},
                  {"name":"Ratio","type":"number","options":{"precision":4}},
                  {"name":"Amount","type":"currency","options":{"precision":2,"symbol":"€"}},
                  {"name":"Share","type":"percent","options":{"precision":1}},
                  {"name":"Score","type":"percent","options":{"precision":0}},
                  {"name":"Done","type":"checkbox","options":{"icon":"check","color":"greenBright"}},
                  {"name":"Day","type":"date","options":{"dateFormat":{"name":"iso","format":"YYYY-MM-DD"}}},
                  {"name":"At","type":"dateTime","options":{"dateFormat":{"name":"iso","format":"YYYY-MM-DD"},
                    "timeFormat":{"name":"24hour","format":"HH:mm"},"timeZone":"utc"}},
                  {"name":"Kind","type":"singleSelect","options":{"choices":[%s]}},
                  {"name":"Tags","type":"multipleSelects","options":{"choices":[%s]}},
                  {"name":"Cleared","type":"singleLineText"}]}]}
                """.formatted(choices, choices);
    }

    // ------------------------------------------------------------------------------------------------ generators

    @Provide
    Arbitrary<List<Document>> batches() {
        return document().list().ofMinSize(1).ofMaxSize(10);
    }

    private Arbitrary<Document> document() {
        Map<String, Arbitrary<Object>> byField = new LinkedHashMap<>();
        byField.put("title", maybe(text()));
        byField.put("notes", maybe(text()));
        byField.put("email", maybe(Arbitraries.of("ana@example.com", " Ana.Perez@Example.COM ", "x@y.fr", "")
                .map(o -> (Object) o)));
        byField.put("phone", maybe(Arbitraries.of("+33 6 12 34 56 78", "(415) 555-0101", " 0612345678 ", "+1-202-555-0143")
                .map(o -> (Object) o)));
        byField.put("site", maybe(Arbitraries.of("https://example.com/a?b=c#d", "http://例え.jp/パス", " https://x.io ")
                .map(o -> (Object) o)));
        byField.put("count", maybe(number()));
        byField.put("ratio", maybe(number()));
        byField.put("amount", maybe(number()));
        byField.put("share", maybe(number()));
        byField.put("score", maybe(number()));
        byField.put("done", maybe(Arbitraries.of(true, false, "TRUE", "false", 1, 0).map(o -> (Object) o)));
        byField.put("day", maybe(date()));
        byField.put("at", maybe(date()));
        byField.put("kind", maybe(select()));
        byField.put("tags", maybe(select().list().ofMaxSize(5).map(l -> (Object) l)));
        byField.put("cleared", Arbitraries.of("", "  ", "kept").injectNull(0.3).map(o -> (Object) o));
        List<String> names = new ArrayList<>(byField.keySet());
        return net.jqwik.api.Combinators.combine(new ArrayList<>(byField.values())).as(values -> {
            Document d = new Document("_id", new ObjectId());
            for (int i = 0; i < names.size(); i++) {
                if (values.get(i) != MISSING) {
                    d.append(names.get(i), values.get(i));
                }
            }
            return d;
        });
    }

    private static final Object MISSING = new Object();

    private static Arbitrary<Object> maybe(Arbitrary<Object> values) {
        return Arbitraries.frequencyOf(Tuple.of(8, values), Tuple.of(1, Arbitraries.just(null)),
                Tuple.of(1, Arbitraries.just(MISSING)));
    }

    private static Arbitrary<Object> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60).map(s -> (Object) s),
                Arbitraries.strings().withChars(" \t\r\n\u00a0\u2003\u0000\u0007\u200f").ofMaxLength(6)
                        .map(s -> (Object) (s + "x" + s)),
                Arbitraries.of("Ana 🍷", "מרחבא", "مرحبا  بك", "e\u0301galité", "line\r\nbreak", "tab\there", "  padded  ")
                        .map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.of("a", " b ", "", "c").list().ofMaxSize(4).map(l -> (Object) l));
    }

    private static Arbitrary<Object> number() {
        return Arbitraries.oneOf(
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().between(-(1L << 53) + 1, (1L << 53) - 1).map(l -> (Object) l),
                Arbitraries.doubles().between(-1e12, 1e12).map(d -> (Object) d),
                Arbitraries.doubles().between(-1, 1).map(d -> (Object) d),
                Arbitraries.bigDecimals().between(new BigDecimal("-99999999.99999999"), new BigDecimal("99999999.99999999"))
                        .ofScale(8).map(b -> (Object) new Decimal128(b)),
                Arbitraries.of("12.50", " 3 ", "-0", "0.005", "1e3", "2.675", "1.005").map(s -> (Object) s));
    }

    private static Arbitrary<Object> date() {
        Arbitrary<Instant> instants = Arbitraries.longs().between(Instant.parse("0001-01-02T00:00:00Z").toEpochMilli(),
                Instant.parse("9999-12-30T00:00:00Z").toEpochMilli()).map(Instant::ofEpochMilli);
        return Arbitraries.oneOf(
                instants.map(i -> (Object) Date.from(i)),
                instants.map(i -> (Object) i.toString()),
                Arbitraries.of("2024-02-29", "2024-03-31T02:30:00", "2024-10-27T01:30:00+02:00", "1969-12-31T23:59:59.999Z",
                        "2000-01-01T00:00:00.0005Z").map(s -> (Object) s));
    }

    private static Arbitrary<Object> select() {
        return Arbitraries.of(CHOICES).flatMap(c -> Arbitraries.of(c, " " + c + " ")).map(c -> (Object) c);
    }
}
