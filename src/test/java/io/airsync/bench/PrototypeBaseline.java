package io.airsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.airsync.airtable.AirtableJson;
import io.airsync.convert.ValueConverter;
import io.airsync.convert.ValueNormalizer;
import io.airsync.mapping.SyncMapping;
import io.airsync.mapping.TableMapping;
import io.airsync.plan.DocumentConverter;
import io.airsync.plan.SourceRecord;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;

/**
 * The original prototype's way, for comparison: read every Airtable record of a table, then walk the collection and
 * send one request per record that is new (POST) or differs (PATCH), one after the other, with a plain
 * {@link HttpClient}. Field values come from Airsync's own converter, so both sides write the same data.
 *
 * <p>Two variants. {@link Variant#CAREFUL} is the prototype made as careful as a plain client can be: request starts
 * are spaced {@code 1.05 / rate} apart (Airsync's own spacing until issue 11; so the ratio measures the strategy, one request per record,
 * not the pacing), a 429 is waited out (the penalty) and the request sent again, a 5xx is retried: every record
 * lands. {@link Variant#AS_WRITTEN} is the script as a plain user writes it: request starts exactly {@code 1 / rate}
 * apart ("5 requests per second"), no 429 handling: a refused write is a lost record, and a refused read stops the
 * script (every record of that table and the later ones is lost).
 */
final class PrototypeBaseline {

    enum Variant {
        CAREFUL("careful (starts 1.05/rate apart, waits out a 429, retries)", 1.05, true),
        AS_WRITTEN("as written (starts 1/rate apart, no 429 handling)", 1.0, false);

        final String label;
        /** Request starts this many times 1/rate apart. 1.05 was Airsync's own margin before issue 11's pacing. */
        final double spacing;
        final boolean handlesFailures;

        Variant(String label, double spacing, boolean handlesFailures) {
            this.label = label;
            this.spacing = spacing;
            this.handlesFailures = handlesFailures;
        }
    }

    /** What one baseline run did; {@code stopped}: why the script stopped early (a refused read, as written), or null. */
    record Outcome(Variant variant, long wallMs, long requests, long rateLimited, long created, long updated,
                   long unchanged, long failed, long documents, String stopped) {
    }

    /** A list request that failed: the script cannot go on with this table. */
    static final class ReadFailed extends IOException {
        ReadFailed(String message) {
            super(message);
        }
    }

    private static final int SERVER_ERROR_RETRIES = 5;

    private static final ObjectMapper JSON = AirtableJson.MAPPER;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;
    private final String baseId;
    private final String token;
    private final long spacingNanos;
    private final Duration penalty;
    private final Variant variant;
    private long nextStart = System.nanoTime();
    private long requests;
    private long rateLimited;
    /** The status (and body) of the last failed request, for the reason a read stopped the script. */
    private String lastFailure = "?";

    PrototypeBaseline(String url, String baseId, String token, int rate, Duration penalty, Variant variant) {
        this.url = url;
        this.baseId = baseId;
        this.token = token;
        this.spacingNanos = Math.round(1_000_000_000L * variant.spacing / rate);
        this.penalty = penalty;
        this.variant = variant;
    }

    Outcome run(SyncMapping mapping, MongoDatabase db) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        long created = 0, updated = 0, unchanged = 0, failed = 0, documents = 0;
        ValueConverter converter = new ValueConverter(mapping.timeZoneOr(java.time.ZoneOffset.UTC));
        ValueNormalizer normalizer = new ValueNormalizer(converter.zone());
        Map<String, Map<String, String>> recordIds = new HashMap<>();
        String stopped = null;
        for (TableMapping table : mapping.tables()) {
            Map<String, JsonNode> existing = new HashMap<>();
            Map<String, String> ids = new HashMap<>();
            recordIds.put(table.name(), ids);
            if (stopped == null) {
                try {
                    readAll(table, existing, ids);
                } catch (ReadFailed e) {
                    if (variant.handlesFailures) {
                        throw e;
                    }
                    stopped = e.getMessage();
                }
            }
            if (stopped != null) {
                // The script stopped: this table's records and the later tables' never land.
                failed += db.getCollection(table.source().collection()).countDocuments();
                continue;
            }
            DocumentConverter convert = new DocumentConverter(table, converter, normalizer,
                    (linked, mongoId) -> recordIds.getOrDefault(linked, Map.of()).get(mongoId));
            try (MongoCursor<Document> docs = db.getCollection(table.source().collection()).find()
                    .sort(Sorts.ascending("_id")).batchSize(1000).iterator()) {
                while (docs.hasNext()) {
                    documents++;
                    SourceRecord r = convert.convert(docs.next());
                    if (r.failed()) {
                        failed++;
                        continue;
                    }
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put(table.keyField(), r.mongoId());
                    for (int i = 0; i < table.fields().size(); i++) {
                        if (r.writable()[i] && r.values()[i] != null) {
                            fields.put(table.fields().get(i).airtable(), r.values()[i]);
                        }
                    }
                    JsonNode have = existing.get(r.mongoId());
                    String path = "/v0/" + baseId + "/" + encode(table.airtableTable());
                    if (have == null) {
                        JsonNode answer = send("POST", path, Map.of("fields", fields));
                        if (answer == null) {
                            failed++;
                        } else {
                            ids.put(r.mongoId(), answer.path("id").asText());
                            created++;
                        }
                    } else if (differs(fields, have)) {
                        JsonNode answer = send("PATCH", path + "/" + ids.get(r.mongoId()), Map.of("fields", fields));
                        if (answer == null) {
                            failed++;
                        } else {
                            updated++;
                        }
                    } else {
                        unchanged++;
                    }
                }
            }
        }
        return new Outcome(variant, (System.nanoTime() - t0) / 1_000_000, requests, rateLimited, created, updated,
                unchanged, failed, documents, stopped);
    }

    private void readAll(TableMapping table, Map<String, JsonNode> existing, Map<String, String> ids)
            throws IOException, InterruptedException {
        String offset = null;
        do {
            String path = "/v0/" + baseId + "/" + encode(table.airtableTable()) + "?pageSize=100"
                    + (offset == null ? "" : "&offset=" + encode(offset));
            JsonNode page = send("GET", path, null);
            if (page == null) {
                throw new ReadFailed("listing " + table.airtableTable() + " answered " + lastFailure
                        + ": the script stops there");
            }
            for (JsonNode rec : page.path("records")) {
                JsonNode key = rec.path("fields").path(table.keyField());
                if (!key.isMissingNode()) {
                    existing.put(key.asText(), rec.path("fields"));
                    ids.put(key.asText(), rec.path("id").asText());
                }
            }
            offset = page.hasNonNull("offset") ? page.get("offset").asText() : null;
        } while (offset != null);
    }

    /** A naive comparison, as the prototype's: any written field whose JSON differs from what Airtable holds. */
    private static boolean differs(Map<String, Object> fields, JsonNode have) {
        for (var e : fields.entrySet()) {
            if (!Objects.equals(JSON.valueToTree(e.getValue()), have.get(e.getKey()))) {
                return true;
            }
        }
        return false;
    }

    /** One paced request; the answer's JSON, or null when it failed (429 in the as-written variant, other errors). */
    private JsonNode send(String method, String path, Object body) throws IOException, InterruptedException {
        int serverErrors = 0;
        while (true) {
            long wait = nextStart - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            nextStart = Math.max(nextStart, System.nanoTime()) + spacingNanos;
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token);
            if (body == null) {
                req.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                req.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            requests++;
            HttpResponse<String> response = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429) {
                rateLimited++;
                if (!variant.handlesFailures) {
                    lastFailure = "429";
                    return null;
                }
                Thread.sleep(penalty.toMillis());
                nextStart = System.nanoTime();
                continue;
            }
            if (response.statusCode() >= 500 && variant.handlesFailures && ++serverErrors <= SERVER_ERROR_RETRIES) {
                Thread.sleep(1000L * serverErrors);
                continue;
            }
            if (response.statusCode() / 100 != 2) {
                lastFailure = response.statusCode() + " " + abbreviate(response.body());
                return null;
            }
            return JSON.readTree(response.body());
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 197) + "..." : s;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
